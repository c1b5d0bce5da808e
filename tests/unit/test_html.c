/* test_html.c: unit tests of the HTML reader (read_html.c): main text,
 * boilerplate removal, paragraphs, entities, charsets and metadata; and
 * page shapes it was not tuned on (invented pages): script text escaping
 * its element, a declared charset the bytes contradict, a gallery or a
 * "more stories" column beside the article, an article written as a list,
 * pages whose article only a last resort finds.
 */
#include "internal.h"
#include "test.h"

#include <stdlib.h>

static rift_html_result R;

static bool run(const char *html)
{
    rift_html_result_free(&R);
    return rift_html_extract(html, strlen(html), &R);
}

static bool has(const char *needle)
{
    return R.text && strstr(R.text, needle) != NULL;
}

static bool valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        int k;
        int32_t cp = rift_utf8_decode(s, n, i, &k);
        if (cp == 0xFFFD && k == 1)
            return false;
        i += (size_t)k;
    }
    return true;
}

static const char *const PROSE =
    "<p>The committee met on Tuesday to discuss the budget, which had been "
    "delayed for weeks, and agreed on a plan after a long debate.</p>"
    "<p>Members said the plan would cut spending on roads, schools and "
    "parks, while raising fees for permits, licences and parking.</p>"
    "<p>A final vote is expected next month, officials said, after a "
    "round of public hearings in every district of the city.</p>";

static void test_titles(void)
{
    run("<html><head><title>Budget deal reached | City Times</title>"
        "<meta property=\"og:site_name\" content=\"City Times\"></head>"
        "<body><p>Some text of the page.</p></body></html>");
    CHECK_STR(R.title, "Budget deal reached", "<title> without the site suffix");
    CHECK_STR(R.source, "City Times", "og:site_name is the source");

    run("<html><head><title>Budget deal - Other Name</title></head>"
        "<body><p>Some text of the page.</p></body></html>");
    CHECK_STR(R.title, "Budget deal - Other Name", "a suffix that is not the site stays");

    run("<html><head><title>Home page</title>"
        "<meta property=\"og:title\" content=\"The real headline\"></head>"
        "<body><p>Some text of the page.</p></body></html>");
    CHECK_STR(R.title, "The real headline", "og:title wins over <title>");

    run("<html><head><meta name=\"twitter:title\" content=\"Tweet headline\"></head>"
        "<body><h1>Heading</h1><p>Some text.</p></body></html>");
    CHECK_STR(R.title, "Tweet headline", "twitter:title");

    run("<html><body><h1>  Only a   heading </h1><p>Some text of the page.</p></body></html>");
    CHECK_STR(R.title, "Only a heading", "first h1 when nothing else");

    run("<html><head><title>Storm hits coast - Weekly Gazette</title></head><body>"
        "<h1>Storm hits coast</h1><p>Some text of the page.</p></body></html>");
    CHECK_STR(R.title, "Storm hits coast", "a suffix cut when the h1 is the rest");
}

static void test_dates(void)
{
    run("<html><head><meta property=\"article:published_time\" "
        "content=\"2025-05-30T10:00:00Z\"></head><body><p>Text.</p></body></html>");
    CHECK_STR(R.date, "2025-05-30T10:00:00Z", "article:published_time");

    run("<html><head><meta itemprop=\"datePublished\" content=\"2024-01-02\">"
        "<meta name=\"date\" content=\"2020-01-01\"></head><body><p>Text.</p></body></html>");
    CHECK_STR(R.date, "2024-01-02", "itemprop datePublished before name=date");

    run("<html><head><meta name=\"parsely-pub-date\" content=\"2023-03-04T05:06:07Z\">"
        "</head><body><p>Text.</p></body></html>");
    CHECK_STR(R.date, "2023-03-04T05:06:07Z", "parsely-pub-date");

    run("<html><head><meta name=\"DC.date.issued\" content=\"2022-07-08\">"
        "</head><body><p>Text.</p></body></html>");
    CHECK_STR(R.date, "2022-07-08", "DC.date.issued");

    run("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"datePublished\" : \"2021-09-10T08:00:00+02:00\"}</script></head>"
        "<body><p>Text.</p></body></html>");
    CHECK_STR(R.date, "2021-09-10T08:00:00+02:00", "JSON-LD datePublished");

    run("<html><body><article><time datetime=\"2019-11-20\">Nov. 20</time>"
        "<p>Text of the article.</p></article></body></html>");
    CHECK_STR(R.date, "2019-11-20", "<time datetime> in the article");

    run("<html><body><p>No date anywhere.</p></body></html>");
    CHECK_STR(R.date, NULL, "no date");
}

static void test_meta(void)
{
    run("<html><head><meta name=\"author\" content=\" Jane Roe \">"
        "<link rel=\"canonical\" href=\"https://example.com/a/1\">"
        "<meta property=\"og:url\" content=\"https://example.com/og\">"
        "</head><body><p>Text.</p></body></html>");
    CHECK_STR(R.author, "Jane Roe", "meta author, trimmed");
    CHECK_STR(R.url, "https://example.com/a/1", "canonical before og:url");

    run("<html><head><meta property=\"og:url\" content=\"https://example.com/og\">"
        "<meta name=\"application-name\" content=\"Example App\"></head>"
        "<body><p>Text.</p><a rel=\"author\" href=\"/x\">John Doe</a></body></html>");
    CHECK_STR(R.url, "https://example.com/og", "og:url");
    CHECK_STR(R.source, "Example App", "application-name");
    CHECK_STR(R.author, "John Doe", "rel=author");

    run("<html><body><span itemprop=\"author\">Ann Lee</span><p>Text.</p></body></html>");
    CHECK_STR(R.author, "Ann Lee", "itemprop author");
}

static void test_boilerplate(void)
{
    char page[4096];
    snprintf(page, sizeof page,
             "<html><body><header><a href=\"/\">Home</a> Site header</header>"
             "<nav><ul><li><a href=\"/w\">World</a></li><li><a href=\"/s\">Sport</a></li></ul></nav>"
             "<div class=\"cookie-banner\">We use cookies to improve things.</div>"
             "<div id=\"main\"><article>%s</article>"
             "<div class=\"share-bar\">Share on every network</div>"
             "<div class=\"related-links\"><p>Another story about something else "
             "entirely, which you may like to read.</p></div>"
             "<div id=\"comments\"><p>First comment: what a great story this was, "
             "really, I enjoyed it.</p></div></div>"
             "<aside>Most read today</aside><script>var x = 'script text';</script>"
             "<style>p { color: red }</style><footer>Copyright footer</footer>"
             "</body></html>", PROSE);
    CHECK(run(page), "page with boilerplate gives text");
    CHECK(has("The committee met on Tuesday") && has("public hearings"), "article kept");
    CHECK(!has("Site header") && !has("World") && !has("cookies") &&
          !has("Share on") && !has("Another story") && !has("First comment") &&
          !has("Most read") && !has("script text") && !has("color") &&
          !has("Copyright"), "boilerplate dropped: %s", R.text);

    /* a furniture-looking class around the whole article does not lose it */
    snprintf(page, sizeof page,
             "<html><body><div class=\"page-ad-margins\"><div class=\"story\">%s</div>"
             "</div><div class=\"ad\">Buy now</div></body></html>", PROSE);
    run(page);
    CHECK(has("The committee met") && !has("Buy now"),
          "an ad class around the article keeps the article: %s", R.text);

    /* hidden elements */
    snprintf(page, sizeof page,
             "<html><body><article>%s<p style=\"display: none\">Hidden words.</p>"
             "<p hidden>Also hidden.</p></article></body></html>", PROSE);
    run(page);
    CHECK(!has("Hidden words") && !has("Also hidden"), "hidden elements dropped");
}

static void test_paragraphs(void)
{
    run("<html><body><h2>A heading</h2><p>First <b>bold</b> and <i>italic</i>"
        " words.</p><p>Second\n   paragraph&nbsp;here.</p><ul><li>One</li><li>Two</li></ul>"
        "</body></html>");
    CHECK_STR(R.text, "A heading\n\nFirst bold and italic words.\n\nSecond paragraph here."
                      "\n\nOne\n\nTwo", "blocks, inline joins, white space");
    CHECK(R.text_len == strlen(R.text), "text_len");

    run("<html><body><div>Line one<br>line two<br><br>New paragraph</div></body></html>");
    CHECK_STR(R.text, "Line one\nline two\n\nNew paragraph", "br and br-br");

    run("<html><body><p>A<span>B</span>C</p></body></html>");
    CHECK_STR(R.text, "ABC", "inline elements join without spaces");
}

static void test_entities(void)
{
    run("<html><body><p>Fish &amp; chips &#8220;quoted&#8221; &eacute;t&eacute; "
        "&lt;tag&gt; &#x2014; end</p></body></html>");
    CHECK_STR(R.text, "Fish & chips \xE2\x80\x9Cquoted\xE2\x80\x9D \xC3\xA9t\xC3\xA9 "
                      "<tag> \xE2\x80\x94 end", "entities decoded");
}

static void test_broken(void)
{
    CHECK(run("<html><body><p>Unclosed <b>bold <i>both</p><p>Next</div></span>"
              "<p>Last one"), "broken markup gives text");
    CHECK(has("Unclosed bold both") && has("Next") && has("Last one"), "broken: %s", R.text);

    CHECK(run("<p>Just a fragment</p>"), "a fragment");
    CHECK_STR(R.text, "Just a fragment", "fragment text");

    const char junk[] = "<html>\x01\x02\xff\xfe<body><p>Bad \xff\xc3 bytes \x80 here</p>";
    rift_html_result_free(&R);
    CHECK(rift_html_extract(junk, sizeof junk - 1, &R), "invalid bytes give text");
    CHECK(R.text && valid_utf8(R.text, R.text_len) && has("bytes"), "valid UTF-8 out");
}

static void test_charsets(void)
{
    /* caf\xe9 in windows-1252 / latin1, and \x93 \x94 curly quotes */
    run("<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9 "
        "\x93quoted\x94</p></body></html>");
    CHECK_STR(R.text, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D", "windows-1252");

    run("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
        "charset=ISO-8859-1\"></head><body><p>na\xefve caf\xe9</p></body></html>");
    CHECK_STR(R.text, "na\xC3\xAFve caf\xC3\xA9", "latin1 declared with http-equiv");

    run("<html><head><meta charset=\"utf-8\"></head><body><p>caf\xC3\xA9</p></body></html>");
    CHECK_STR(R.text, "caf\xC3\xA9", "utf-8 declared");

    run("<html><body><p>caf\xC3\xA9 without a declaration</p></body></html>");
    CHECK_STR(R.text, "caf\xC3\xA9 without a declaration", "utf-8 by default");

    run("<html><body><p>undeclared caf\xe9</p></body></html>");
    CHECK_STR(R.text, "undeclared caf\xC3\xA9", "undeclared, not UTF-8: windows-1252");

    run("<html><head><meta charset=\"no-such-charset\"></head><body><p>plain</p></body></html>");
    CHECK_STR(R.text, "plain", "an unknown charset reads as UTF-8");
}

static void test_empty(void)
{
    CHECK(!run("<html><head><title>T</title></head><body></body></html>"), "empty body: false");
    CHECK(R.text == NULL && R.text_len == 0, "empty: no text");
    CHECK(!run("<html><body><script>only script</script><nav>menu</nav></body></html>"),
          "only boilerplate: false");
    rift_html_result_free(&R);
    CHECK(!rift_html_extract("", 0, &R), "zero bytes: false");
    CHECK(!run("   \n  "), "white space: false");
}

static void test_choice(void)
{
    /* the article beats a longer list of links and teasers */
    rift_buf b;
    rift_buf_init(&b);
    rift_buf_puts(&b, "<html><body><div class=\"list\">");
    for (int i = 0; i < 40; i++)
        rift_buf_printf(&b, "<div><a href=\"/%d\">Teaser headline number %d about "
                            "something</a></div>", i, i);
    rift_buf_puts(&b, "</div><div class=\"content\">");
    rift_buf_puts(&b, PROSE);
    rift_buf_puts(&b, "</div><div>Short footer note</div></body></html>");
    run(b.data);
    CHECK(has("The committee met") && !has("Teaser headline") && !has("footer note"),
          "the prose block is chosen: %.200s", R.text);
    rift_buf_free(&b);
}

static void test_bounded(void)
{
    /* 3,000 nested divs: no recursion, and the text is found */
    rift_buf b;
    rift_buf_init(&b);
    rift_buf_puts(&b, "<html><body>");
    for (int i = 0; i < 3000; i++)
        rift_buf_puts(&b, "<div>");
    rift_buf_puts(&b, "<p>Deep text.</p></body></html>");
    CHECK(run(b.data) && has("Deep text."), "deeply nested page");
    rift_buf_free(&b);

    /* a 10 MB page */
    rift_buf_init(&b);
    rift_buf_puts(&b, "<html><body>");
    while (b.len < 10u << 20)
        rift_buf_puts(&b, "<p>Many, many words in a long page of text.</p>\n");
    rift_buf_puts(&b, "</body></html>");
    CHECK(run(b.data) && R.text_len > (5u << 20), "10 MB page: %zu bytes of text", R.text_len);
    rift_buf_free(&b);

    /* binary junk */
    char junk[4096];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    rift_html_result_free(&R);
    bool got = rift_html_extract(junk, sizeof junk, &R);
    CHECK(!got || valid_utf8(R.text, R.text_len), "binary junk: no crash, valid text");
}

static const char *const ARTICLE =
    "<h1>Lighthouse plan rejected</h1>"
    "<p>The harbour council voted on Tuesday to reject the plan to turn the old "
    "lighthouse into a hotel, after a long debate that ran past midnight.</p>"
    "<p>Members argued over the cost of repairs, which had grown since the survey "
    "in early April, and over who would pay for them once the works began.</p>"
    "<p>\xE2\x80\x9CWe cannot afford it,\xE2\x80\x9D said the council leader, Mara "
    "Quist, who had backed the plan at first but changed her mind.</p>"
    "<p>The owners said they would appeal the decision to the regional court, a "
    "process that could take a year and cost them more than the repairs.</p>"
    "<p>Fishermen, who use the lighthouse as a landmark, welcomed the vote, saying "
    "a hotel would have brought traffic and noise to the quay.</p>";

static void test_scripts(void)
{
    char page[8192];
    /* document.write of a script inside an HTML comment: libxml2 ends the
     * outer script at the inner </script>, a browser does not */
    snprintf(page, sizeof page,
             "<html><body><div class=\"story\">%s"
             "<script type=\"text/javascript\"><!--\n"
             "document.write('<script src=\"/ads.js\"></script>');\n"
             "var ie=document.all; if (ie) { ie.x = 1; }\n//--></script>"
             "<p>The vote was nine to four.</p></div></body></html>", ARTICLE);
    CHECK(run(page), "script in a comment: text");
    CHECK(has("regional court") && has("nine to four"), "article kept: %s", R.text);
    CHECK(!has("document") && !has("var ie") && !has("//-->"),
          "no script text: %s", R.text);

    /* the same without the comment, split string */
    snprintf(page, sizeof page,
             "<html><body><div class=\"story\">%s<script>document.write(\"<scr\"+"
             "\"ipt src='/a.js'></script>\"); var ns6=document.getElementById&&!document.all;"
             "</script><p>The vote was nine to four.</p></div></body></html>", ARTICLE);
    run(page);
    CHECK(!has("document") && !has("ns6") && has("nine to four"),
          "a split script string: %s", R.text);

    /* prose that mentions code words stays */
    snprintf(page, sizeof page,
             "<html><body><article>%s<p>She signed the document. The clerk kept a copy; "
             "the mayor kept another; and the window was closed.</p></article>"
             "</body></html>", ARTICLE);
    run(page);
    CHECK(has("She signed the document. The clerk kept a copy;"),
          "prose with semicolons and 'document.' stays: %s", R.text);
}

static void test_charset_lies(void)
{
    /* declared iso-8859-1, bytes UTF-8 with multibyte sequences: UTF-8 wins
     * (windows-1252 would garble the quotes and stop at 0x9D) */
    const char *page =
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
        "charset=iso-8859-1\"><title>Caf\xC3\xA9 closes</title></head><body><article>"
        "<p>The owner of the caf\xC3\xA9 said \xE2\x80\x9Cwe had no choice\xE2\x80\x9D "
        "after the rent rose again, and the doors shut on Friday.</p>"
        "<p>Regulars came to say goodbye, the owner\xE2\x80\x99s daughter said.</p>"
        "</article></body></html>";
    CHECK(run(page), "mislabelled UTF-8: text");
    CHECK(has("caf\xC3\xA9 said \xE2\x80\x9Cwe had no choice\xE2\x80\x9D after") &&
          has("owner\xE2\x80\x99s daughter"), "read as UTF-8, not cut short: %s", R.text);
    CHECK_STR(R.title, "Caf\xC3\xA9 closes", "the title too");

    /* declared UTF-8, bytes windows-1252 only: windows-1252 wins */
    run("<html><head><meta charset=\"utf-8\"></head><body><p>caf\xE9 "
        "\x93quoted\x94</p></body></html>");
    CHECK_STR(R.text, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D",
              "declared UTF-8, bytes windows-1252");

    /* a true iso-8859-1 page stays iso-8859-1 */
    run("<html><head><meta charset=\"iso-8859-1\"></head><body><p>na\xEFve caf\xE9"
        "</p></body></html>");
    CHECK_STR(R.text, "na\xC3\xAFve caf\xC3\xA9", "iso-8859-1 bytes as declared");
}

/* n items of a side column; kind 0: gallery pictures with captions, 1:
 * teasers (a linked headline and a summary sentence). */
static void side_column(char *b, size_t cap, int kind, int n)
{
    static const char *const things[] = {"river", "market", "bridge", "school",
                                         "festival", "station", "garden", "museum"};
    size_t len = strlen(b);
    for (int i = 0; i < n && len < cap; i++) {
        const char *a = things[i % 8], *t = things[(i * 3 + 1) % 8];
        if (kind == 0)
            len += (size_t)snprintf(b + len, cap - len,
                "<li class=\"g-item\"><a href=\"/p/%d\"><img src=\"/i/%d.jpg\"></a>"
                "<p>A view of the %s at dusk, with the %s behind it, sent by a reader.</p>"
                "</li>", i, i, a, t);
        else
            len += (size_t)snprintf(b + len, cap - len,
                "<div class=\"card\"><h3><a href=\"/s/%d\">New %s for the %s opens after "
                "years of delay</a></h3><p>The %s, which was planned long ago, will open "
                "next month, officials said, though some residents remain unhappy.</p>"
                "</div>", i, a, t, a);
    }
}

/* The article in one column, n items of a side column in the other. */
static bool two_columns(char *page, size_t cap, int kind, int n)
{
    snprintf(page, cap, "<html><body><div class=\"wrap\"><div class=\"col-a\">%s</div>"
             "<div class=\"col-b\"><h2>Elsewhere</h2><%s>", ARTICLE, kind ? "div" : "ul");
    side_column(page, cap, kind, n);
    strncat(page, kind ? "</div></div></div></body></html>" : "</ul></div></div></body></html>",
            cap - strlen(page) - 1);
    return run(page) && has("The harbour council voted") && has("quay.");
}

static void test_side_columns(void)
{
    size_t cap = 64 * 1024;
    char *page = malloc(cap);
    CHECK(two_columns(page, cap, 0, 50), "beside a 50-picture gallery, the article: %.80s",
          R.text);
    CHECK(!has("A view of the"), "not the gallery: %.200s", R.text);
    CHECK(two_columns(page, cap, 1, 30), "beside 30 teasers, the article: %.80s", R.text);
    CHECK(!has("years of delay") && !has("remain unhappy"), "no teasers: %.300s", R.text);

    /* an article written as a list of linked items, after an intro */
    snprintf(page, cap, "<html><body><div class=\"wrap\"><div class=\"body\">"
             "<p>Good morning. These are the harbour stories you need to know today, "
             "from the council, the courts and the quay.</p><ol>");
    side_column(page, cap, 1, 8);
    strncat(page, "</ol><p>That is all for today; the next edition comes tomorrow "
            "morning, with the weather and the tides.</p></div>"
            "<div class=\"side\"><p>Sign up for the morning note.</p></div></div>"
            "</body></html>", cap - strlen(page) - 1);
    CHECK(run(page), "list article: text");
    CHECK(has("Good morning.") && has("remain unhappy") && has("next edition"),
          "an article that is a list keeps its items: %.300s", R.text);
    free(page);
}

static void test_last_resort(void)
{
    char page[8192];
    /* the whole article inside furniture a site misnamed */
    snprintf(page, sizeof page,
             "<html><body><aside class=\"sidebar\">%s</aside><footer>Contact us</footer>"
             "</body></html>", ARTICLE);
    CHECK(run(page), "an article in an aside: text found");
    CHECK(has("The harbour council voted") && has("regional court"),
          "its words: %.120s", R.text);

    /* a <noscript> left open holds the rest of the page */
    size_t cap = 32 * 1024;
    char *big = malloc(cap);
    snprintf(big, cap, "<html><body><noscript><div id=\"nojs\"></noscript><ul>");
    for (int i = 0; i < 60; i++)
        snprintf(big + strlen(big), cap - strlen(big), "<li><a href=\"/m%d\">Menu %d</a></li>",
                 i, i);
    snprintf(big + strlen(big), cap - strlen(big), "</ul><div class=\"story\">%s</div>"
             "</body></html>", ARTICLE);
    CHECK(run(big) && has("The harbour council voted") && !has("Menu 7"),
          "a page inside a stray <noscript>: the article: %.100s", R.text ? R.text : "(none)");
    free(big);

    /* the article only in JSON-LD, the page drawn by a script */
    run("<html><head><script type=\"application/ld+json\">{\"@context\":"
        "\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":"
        "\"NewsArticle\",\"headline\":\"Ferry cut\",\"articleBody\":\"The ferry to Tarrow "
        "will sail twice a week this winter, the operator said.\\nFuel costs were to "
        "blame, it said, and the timetable would be reviewed in spring.\"}]}</script>"
        "</head><body><div id=\"app\"></div><script>render()</script></body></html>");
    CHECK(R.text && has("The ferry to Tarrow will sail") &&
          has("operator said.\n\nFuel costs"), "JSON-LD articleBody, paragraphs: %s",
          R.text ? R.text : "(none)");

    /* a page of menu words only still has no article */
    CHECK(!run("<html><body><nav>Home News Sport</nav><script>x()</script></body></html>"),
          "a menu only: no text");
}

int main(void)
{
    test_titles();
    test_dates();
    test_meta();
    test_boilerplate();
    test_paragraphs();
    test_entities();
    test_broken();
    test_charsets();
    test_empty();
    test_choice();
    test_bounded();
    test_scripts();
    test_charset_lies();
    test_side_columns();
    test_last_resort();
    rift_html_result_free(&R);
    return TEST_DONE();
}
