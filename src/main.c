/* main — mamori's subcommand dispatch, and nothing else. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "0.1.0-dev"
#endif

const cli_command cli_commands[] = {
    {"init", cmd_init, "create a store: the schema and the first account (the CISO)",
     "mamori init --db URL\n"
     "  The CISO's login is MAMORI_ADMIN_LOGIN (default ciso), the password MAMORI_ADMIN_PASSWORD\n"
     "  or asked on the terminal. Refuses, changing nothing, when the store is already initialised."},
    {"serve", cmd_serve, "serve the UI and the API",
     "mamori serve --db URL [--listen HOST:PORT] [--config FILE] [--SETTING VALUE ...]\n"
     "  Default listen address 127.0.0.1:8080. SIGTERM drains requests in flight, then exits 0."},
    {"migrate", cmd_migrate, "apply the schema migrations a store lacks", "mamori migrate --db URL"},
    {"audit", cmd_audit, "verify the audit trail; write or check signed checkpoints",
     "mamori audit verify --db URL [--checkpoints FILE [--public-key FILE]]\n"
     "  Prints the count and head hash and exits 0, or names the first broken event (or the\n"
     "  checkpoints the chain no longer reaches) and exits 1.\n"
     "mamori audit checkpoint --db URL [--output FILE]\n"
     "  Appends a checkpoint signed with the instance's key (default file: mamori-checkpoints.log\n"
     "  in the configuration directory) and sends it to syslog.\n"
     "mamori audit public-key [--config-dir DIR]\n"
     "  Prints the public key an outside auditor verifies checkpoints with."},
    {"backup", cmd_backup, "copy a running SQLite store consistently",
     "mamori backup --db sqlite:PATH --to FILE\n"
     "  PostgreSQL stores are backed up with pg_dump or pg_basebackup (docs/operations.md)."},
    {"restore", cmd_restore, "put a backup into an empty store and verify it",
     "mamori restore --db URL --from FILE [--checkpoints FILE]\n"
     "  FILE is a backup made by mamori backup. The store must be empty. The restored chain is\n"
     "  verified and the newest checkpoint it matches is reported."},
    {"user", cmd_user, "manage accounts: add, list, deactivate, reset-password, reset-mfa, unlock, link-directory",
     "mamori user list --db URL\n"
     "mamori user add LOGIN --name NAME [--kana KANA] [--category CATEGORY] [--unit CODE] [--role ROLE]\n"
     "                [--directory DIRECTORY-NAME] --db URL\n"
     "mamori user reset-password LOGIN --db URL\n"
     "mamori user reset-mfa LOGIN --db URL\n"
     "mamori user unlock LOGIN --db URL\n"
     "mamori user deactivate LOGIN --db URL\n"
     "mamori user link-directory LOGIN DIRECTORY-NAME --db URL\n"
     "mamori user unlink-directory LOGIN --db URL\n"
     "  Passwords come from MAMORI_USER_PASSWORD or are asked on the terminal. A deactivated\n"
     "  person's login stops at once; their record, pledges and history stay (第4条2).\n"
     "  reset-mfa removes a lost second factor (TOTP and recovery codes) and ends the sessions;\n"
     "  where a role requires one, the person sets up a new one at the next login.\n"
     "  A person linked to a directory account (directory_url) logs in with the directory's\n"
     "  password and has none in mamori: reset-password refuses them."},
    {"reorg", cmd_reorg, "reorganisations: apply those due, list them",
     "mamori reorg apply-due [--date YYYY-MM-DD] --db URL\n"
     "  Applies, in date order, every scheduled reorganisation whose date has come (on --date,\n"
     "  default today in the body's zone), each in one transaction; serve does the same on a\n"
     "  timer (reorg_check_interval). Exits 1, changing nothing more, at the first that fails.\n"
     "mamori reorg list --db URL"},
    {"import", cmd_import, "import the asset ledger from CSV, or an OSCAL catalog",
     "mamori import assets [--encoding utf-8|cp932] [--dry-run] --db URL FILE\n"
     "  Reads FILE (CSV in UTF-8, with or without a BOM, or CP932 as Excel saves it; detected\n"
     "  unless --encoding says) with the columns of the ledger's export, headers in Japanese or\n"
     "  English. Rows with an ID change that asset, rows without register a new one. Every\n"
     "  problem is printed as FILE:ROW:COLUMN: message, and nothing is written unless the whole\n"
     "  file is valid; --dry-run only checks. Acts as the system (every unit); each asset gets\n"
     "  its version, audit event and search entry. Excel files: save them as CSV first.\n"
     "  Exits 1 when anything is wrong.\n"
     "mamori import catalog [--replace] FILE --db URL\n"
     "  FILE is an OSCAL 1.1 catalog in JSON (e.g. a NIST SP 800-53 baseline), imported as a reference\n"
     "  catalog of its own, keyed by its uuid. A file with problems is refused, each named by its JSON\n"
     "  path, and nothing is written. A catalog already imported is refused unless --replace is given;\n"
     "  then its items are replaced in the same transaction."},
    {"search", cmd_search, "rebuild the search index",
     "mamori search reindex --db URL\n"
     "  Empties the search index and indexes every object again, in one transaction (searches\n"
     "  use the old index until it is done). Run it after upgrading libutf8proc: a newer Unicode\n"
     "  normalises more characters. mamori migrate indexes the objects a migration left out."},
    {"compliance", cmd_compliance, "compliance figures: verify, recompute, snapshot, against a reference catalog",
     "mamori compliance verify --db URL\n"
     "  Computes the compliance figures from nothing and compares them with the maintained ones\n"
     "  (compliance_figure); exits 1, naming the cells, when they differ.\n"
     "mamori compliance recompute --db URL\n"
     "  Replaces the maintained figures by a recompute, in one transaction, and prints the time.\n"
     "mamori compliance snapshot [--date YYYY-MM-DD] --db URL\n"
     "  Keeps the figures as the snapshot of the month before --date (default today), and in\n"
     "  April of the 年度 just ended; each period once. serve does this at the turn of a month.\n"
     "mamori compliance reference --catalog ID|UUID [--format json|csv] [--unit CODE] --db URL\n"
     "  Compliance against an imported reference catalog (mamori import catalog) through the\n"
     "  mappings of mamori's requirements to its controls: per control and enhancement the\n"
     "  requirements mapped and their figures, per family and in all those of the distinct\n"
     "  requirements mapped there; a control with no mapping is not covered (no figures, not\n"
     "  0 %). Every unit, or --unit CODE with its sub-units; from the maintained figures. JSON\n"
     "  as GET /api/v1/compliance/reference answers, or CSV: a row for the catalog, then each\n"
     "  family followed by its controls."},
    {"export", cmd_export, "export the asset ledger (CSV, XLSX) or the standards catalog (OSCAL)",
     "mamori export assets --format csv|csv-cp932|xlsx --output FILE [--substitute] [--sheet-rows N]\n"
     "                     [--unit CODE] [--kind KIND] [--segment SEGMENT] [--status STATUS] --db URL\n"
     "  Every asset (in use and disposed, or as filtered: --unit with its sub-units), in the\n"
     "  ledger's order, with Japanese headers, class labels and 和暦 dates. csv is UTF-8 with\n"
     "  a BOM; csv-cp932 is Shift_JIS as Excel writes it: a character that CP932 would change\n"
     "  (〜 → ～, − → －, — → ―, ¥) or cannot hold (𠮷) is listed as ROW:COLUMN: message and\n"
     "  nothing is written, unless --substitute, which writes the nearest CP932 character\n"
     "  (¥ → ￥, missing → 〓) and lists each. xlsx splits into sheets 台帳, 台帳 (2), … past\n"
     "  1,048,575 rows (or --sheet-rows N). A cell starting with = + - @ never runs as a\n"
     "  formula (CSV: a leading apostrophe). The file is readable by its owner only (mode\n"
     "  0600): it holds need-to-know data. Audited as asset.export.\n"
     "mamori export catalog --format oscal [--output FILE] --db URL\n"
     "  The standards catalog (対策基準) as an OSCAL 1.1 catalog in JSON, shaped as NIST's files\n"
     "  are: a group per measure kind, the requirements as controls (id: the code in lower case),\n"
     "  their text as the statement. The catalog's uuid is the same at every export of a store.\n"
     "  To standard output without --output; the file is readable by its owner only. The\n"
     "  standards are not public (第11条): audited as catalog.export."},
    {"catalog", cmd_catalog, "map mamori's catalog to an imported NIST SP 800-53 catalog",
     "mamori catalog map-nist CATALOG-ID --db URL\n"
     "  Maps the requirements of mamori's default catalog to the controls of the reference catalog\n"
     "  CATALOG-ID (from mamori import catalog; NIST SP 800-53 rev. 5 or one of its baselines) from a\n"
     "  built-in table: PHY-01 to PE-3, TEC-01 to AC-2, TEC-04 to IA-2(1), OPS-01 to CP-9 …; controls\n"
     "  the catalog lacks are counted and skipped, pairs mapped already left alone. Each mapping is\n"
     "  audited as catalog.map; adjust them on the requirements' pages."},
    {"demo", cmd_demo, "create a demo store of an invented union (for make run)",
     "mamori demo --db URL [--logins FILE]\n"
     "  Prints the demo logins and passwords, and the TOTP secrets of the logins whose role\n"
     "  requires a second factor (mfa_required_roles), and writes them to FILE when given."},
    {"version", cmd_version, "print the version", "mamori version"},
    {"help", cmd_help, "help on a command", "mamori help [COMMAND]"},
};
const size_t cli_commands_count = sizeof cli_commands / sizeof cli_commands[0];

int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("mamori %s\n", MAMORI_VERSION);
    return 0;
}

static const cli_command *main_find(const char *name)
{
    for (size_t i = 0; i < cli_commands_count; i++)
        if (strcmp(cli_commands[i].name, name) == 0) return &cli_commands[i];
    return NULL;
}

int cmd_help(int argc, char **argv)
{
    if (argc > 1) {
        const cli_command *c = main_find(argv[1]);
        if (!c) {
            fprintf(stderr, "mamori: no command \"%s\"\n", argv[1]);
            return 2;
        }
        printf("%s — %s\n\nusage: %s\n", c->name, c->summary, c->usage);
        return 0;
    }
    printf("mamori (守り) — information security management for a local government body\n\n"
           "usage: mamori COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; i < cli_commands_count; i++) printf("  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
    printf("\nThe store is named by --db URL (sqlite:PATH or postgresql://…) or MAMORI_DB.\n"
           "Settings: flags over MAMORI_* environment variables over mamori.conf.\n"
           "Run `mamori help COMMAND` or `mamori COMMAND --help` for more.\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) return cmd_help(1, argv);
    if (!strcmp(argv[1], "--version")) return cmd_version(1, argv);
    const cli_command *c = main_find(argv[1]);
    if (!c) {
        fprintf(stderr, "mamori: no command \"%s\"; see mamori help\n", argv[1]);
        return 2;
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            char *help_argv[] = {"help", argv[1], NULL};
            return cmd_help(2, help_argv);
        }
    }
    return c->run(argc - 1, argv + 1);
}
