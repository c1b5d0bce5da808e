/* eval_events.c: `rift eval events`: scores the events stage against the
 * PETRARCH-2 validation records and the PLOVER gold records (placeholder).
 * Uses nothing but the public rift.h; never writes to the shared folder.
 */
#include "cli.h"

int cmd_eval_events(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error("eval events: not implemented yet");
    return 1;
}
