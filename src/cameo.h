/* cameo.h: the CAMEO codings both the events stage (event_model.c, event.c)
 * and the PETRARCH loader (petrverbs.c) use: a code's Goldstein weight,
 * PLOVER type and mode (data/en/cameo.txt), and the codes derived by modality.
 */
#ifndef RIFT_CAMEO_H
#define RIFT_CAMEO_H

#include "internal.h"

/* The Goldstein weight, PLOVER type and mode of CAMEO code[0..n) from
 * data/en/cameo.txt (strings copied into a); the PLOVER type of the 01/02
 * codes PLOVER leaves out as data/en/README.md says (rift_cameo_plover);
 * false when cameo.txt does not list the code.  Outputs it cannot fill are
 * left as they were. */
bool rift_cameo_info(const rift_model *m, rift_arena *a, const char *code, size_t n,
                     double *goldstein, const char **plover, const char **mode);

/* The PLOVER type rift gives a code PLOVER drops (CAMEO 01 and 02): 015 and
 * 019 AGREE, 016 REJECT, 02x REQUEST; NULL for any other code. */
const char *rift_cameo_plover(const char *code, size_t n);

/* The codes the events stage derives from a frame's own by the verb's
 * modality (an intention "will send aid": 033; a threat "would blockade":
 * 138; a refusal "will not allow": 124; a demand "X must withdraw": 105),
 * NULL-terminated.  Every code event.c's modality maps return is here. */
extern const char *const rift_cameo_derived[];

/* Whether code[0..n) is written as a CAMEO code: 2 to 4 digits. */
bool rift_cameo_well_formed(const char *code, size_t n);

#endif
