/* fuzz_report.c: libFuzzer target for the report's input strings: titles,
 * outlets, dates, names and quotes from the input reach the HTML page only
 * escaped: the page is whole, and no tag of the input (a <script>) gets in.
 */
#include "store_input.h"

#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long added = 0;
    rift_store *st = fuzz_store_input(data, size, &added);
    rift_report_options o = {0};
    o.title = "fuzz <script>";
    o.min_events = 1;
    char *html = NULL;
    size_t len = 0;
    if (rift_report_html(st, &o, &html, &len) != RIFT_OK || !html || len != strlen(html))
        abort();
    static const char end[] = "</html>\n";
    if (len < sizeof end - 1 || memcmp(html + len - (sizeof end - 1), end, sizeof end - 1))
        abort();
    /* the page has no script of its own: any is from the input */
    for (const char *p = html; (p = strchr(p, '<')); p++)
        if (strncasecmp(p + 1, "script", 6) == 0)
            abort();
    free(html);
    rift_store_close(st);
    return 0;
}
