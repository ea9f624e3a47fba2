-- The ledger's list for a viewer whose sight is a few units (a section's manager, the
-- usual case): every column its filters, its order and the visibility rule read, in one
-- index, so a page is chosen from the index alone and only its rows are read from the
-- table (src/domain/asset_list.c). It begins as asset_owner did, which it replaces.
CREATE INDEX asset_sight ON asset (owner_unit_id, sort_key, id, status, kind, segment, c_class_id, i_class_id,
                                   a_class_id, personal_data, mynumber);
DROP INDEX asset_owner;
