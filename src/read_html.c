/* read_html.c: reduces an HTML page to its main text and metadata with
 * libxml2's HTML parser.  Placeholder until the full extractor lands.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

bool rift_html_extract(const char *html, size_t len, rift_html_result *out)
{
    memset(out, 0, sizeof *out);
    (void)html;
    (void)len;
    return false;
}

void rift_html_result_free(rift_html_result *r)
{
    free(r->text);
    free(r->title);
    free(r->date);
    free(r->author);
    free(r->url);
    free(r->source);
    memset(r, 0, sizeof *r);
}
