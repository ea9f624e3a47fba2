/* cli_import — `mamori import WHAT …`: imports from files, one subcommand per kind of
 * file (a table, as main.c's commands). Exports cmd_import. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} import_kinds[] = {
    {"assets", cmd_import_assets},
    {"catalog", cmd_import_catalog},
};

int cmd_import(int argc, char **argv)
{
    /* The kind is the first argument that names one (option values never do). */
    for (int i = 1; i < argc; i++)
        for (size_t k = 0; k < sizeof import_kinds / sizeof *import_kinds; k++)
            if (!strcmp(argv[i], import_kinds[k].name)) return import_kinds[k].run(argc, argv);
    fprintf(stderr, "mamori: usage: mamori import assets|catalog … (see mamori help import)\n");
    return 2;
}
