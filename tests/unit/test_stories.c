/* test_stories.c: undated articles in the story pass: one as similar to a
 * dated story as to one of another year joins neither (a copy still joins
 * its story), and undated articles among themselves still group.
 */
#include "corpus.h"
#include "test.h"

#include <stdlib.h>

/* Three sentences of a story, repeated to article length. */
static char *article(const char *s)
{
    char *t = malloc(1200);
    t[0] = '\0';
    for (int r = 0; r < 3; r++)
        strcat(t, s);
    return t;
}

int main(void)
{
    static const char *const src[] = {
        /* 0, 1: a harbour story in 2019 */
        "The harbour authority of Port Kelling approved a new container terminal on "
        "Tuesday after months of dispute with fishermen over dredging the estuary. ",
        "Fishermen in Port Kelling said the container terminal approved by the harbour "
        "authority would ruin the estuary, where dredging starts in spring. ",
        /* 2, 3: the same kind of news in Port Kelling in 2020 */
        "The harbour authority of Port Kelling approved a second container terminal "
        "after a new dispute with fishermen, who fear more dredging in the estuary. ",
        "Port Kelling fishermen again protested as the harbour authority approved "
        "another terminal, saying dredging would ruin what is left of the estuary. ",
        /* 4: undated, about a Port Kelling terminal: which year?  As like the
         * one as the other */
        "Residents of Port Kelling met in the town hall to discuss parking, the school "
        "budget and the library, and briefly the harbour authority, its container "
        "terminal, the fishermen and the dredging of the estuary. ",
        /* 5: undated, a copy of article 0 */
        "The harbour authority of Port Kelling approved a new container terminal on "
        "Tuesday after months of dispute with fishermen over dredging the estuary. ",
    };
    enum { N = 6 };
    int y2019 = rift_days_from_civil(2019, 3, 4), y2020 = rift_days_from_civil(2020, 5, 11);
    int days[N] = {y2019, y2019 + 1, y2020, y2020 + 2, CORPUS_NO_DATE, CORPUS_NO_DATE};
    corpus_article a[N];
    char *t[N];
    memset(a, 0, sizeof a);
    for (int i = 0; i < N; i++) {
        t[i] = article(src[i]);
        a[i].id = i + 1;
        a[i].text = t[i];
        a[i].len = strlen(t[i]);
        a[i].days = days[i];
    }
    uint32_t s[N];
    corpus_cluster_stories(a, N, NULL, s);
    CHECK(s[0] == s[1], "the 2019 articles: one story");
    CHECK(s[2] == s[3], "the 2020 articles: one story");
    CHECK(s[0] != s[2], "2019 and 2020 apart");
    CHECK(s[4] != s[0] && s[4] != s[2],
          "an undated article as similar to both years joins neither year's story");
    CHECK(s[5] == s[0], "an undated copy of a 2019 article joins its story");

    /* a corpus without dates (ECB+): similar articles still group */
    for (int i = 0; i < N; i++)
        a[i].days = CORPUS_NO_DATE;
    corpus_cluster_stories(a, N, NULL, s);
    CHECK(s[5] == s[0] && (s[4] == s[0] || s[4] == s[1] || s[4] == s[2] || s[4] == s[3]),
          "all undated: articles group on the threshold alone");

    for (int i = 0; i < N; i++)
        free(t[i]);
    return TEST_DONE();
}
