/* test_outlet.c: one outlet, one name (src/outlet.c): the alias table, web
 * host rules and title tails give one spelling per outlet.
 */
#include "internal.h"
#include "test.h"

#include <stdlib.h>

static void same(const rift_model *m, const char *src, const char *url, const char *title,
                 const char *want)
{
    char *got = rift_outlet_name(m, src, url, title);
    char what[256];
    snprintf(what, sizeof what, "source '%s', url '%s', title '%s'", src ? src : "",
             url ? url : "", title ? title : "");
    CHECK_STR(got, want, what);
    free(got);
}

int main(void)
{
    rift_model *m = NULL;
    rift_status st = rift_model_open("data/en", &m);
    CHECK(st == RIFT_OK, "model opens: %s", rift_model_errmsg(m));
    if (st != RIFT_OK) {
        rift_model_close(m);
        return TEST_DONE();
    }
    /* a listed outlet by its name, host, and address */
    same(m, "Reuters", NULL, NULL, "Reuters");
    same(m, "www.reuters.com", NULL, NULL, "Reuters");
    same(m, NULL, "https://www.reuters.com/world/some-story-2025-06-05/", NULL, "Reuters");
    same(m, "Thomson Reuters", NULL, NULL, "Reuters");
    same(m, "JPost.com", NULL, NULL, "The Jerusalem Post");
    same(m, "Jerusalem Post", NULL, NULL, "The Jerusalem Post");
    same(m, "The Jerusalem Post", NULL, NULL, "The Jerusalem Post");
    same(m, NULL, NULL, "Ministers meet in Rome | JPost.com", "The Jerusalem Post");
    same(m, NULL, "https://edition.cnn.com/2025/06/05/x", NULL, "CNN");
    same(m, NULL, "https://amp.theguardian.com/world/x", NULL, "The Guardian");
    /* an unlisted outlet: its host in title case; a trailing "News" dropped */
    same(m, NULL, "http://kestrel-radio.example/news/1", NULL, "Kestrel Radio");
    same(m, "kestrel-radio.example", NULL, NULL, "Kestrel Radio");
    same(m, "Kestrel Radio News", NULL, NULL, "Kestrel Radio");
    same(m, "www.harbour-gazette.co.uk", NULL, NULL, "Harbour Gazette");
    same(m, "Sky News", NULL, NULL, "Sky News");
    same(m, "Tidewater Wire", NULL, NULL, "Tidewater Wire");
    /* the source wins over the URL; nothing known, nothing made up */
    same(m, "Tidewater Wire", "https://www.reuters.com/x", NULL, "Tidewater Wire");
    same(m, NULL, NULL, "A title - with a dash in it", NULL);
    same(m, NULL, NULL, NULL, NULL);
    same(m, "  ", NULL, NULL, NULL);
    same(NULL, "www.reuters.com", NULL, NULL, "Reuters");
    rift_model_close(m);
    return TEST_DONE();
}
