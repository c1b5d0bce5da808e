/* test_warc.c: the WARC record parts of read_warc.c: header fields (case,
 * white space, <bracketed> URIs), and the HTML of an HTTP response: status,
 * media type, chunked and compressed bodies, and the records that hold none.
 */
#include "internal.h"
#include "test.h"

#include <string.h>
#include <zlib.h>

static rift_warc_head head(const char *type, const char *ctype)
{
    static char block[512];
    snprintf(block, sizeof block,
             "WARC-Type: %s\r\nwarc-target-uri:  <https://x.example/a/>  \r\n"
             "WARC-Date: 2025-06-05T10:00:00Z\r\nContent-Type: %s\r\nContent-Length: 42\r\n",
             type, ctype);
    rift_warc_head h;
    rift_warc_head_parse(block, strlen(block), &h);
    return h;
}

/* rift_warc_html on a response record's content; the page as a string */
static rift_status page(const char *type, const char *content, size_t n, char *out, size_t outn)
{
    rift_warc_head h = head(type, "application/http; msgtype=response");
    rift_buf buf;
    rift_buf_init(&buf);
    const char *html;
    size_t len;
    char why[256] = "";
    rift_status st = rift_warc_html(&h, content, n, 1 << 20, &buf, &html, &len, why, sizeof why);
    snprintf(out, outn, "%.*s", st == RIFT_OK ? (int)len : (int)strlen(why),
             st == RIFT_OK ? html : why);
    rift_buf_free(&buf);
    return st;
}

#define PAGE "<html><body><p>Port reopens.</p></body></html>"

int main(void)
{
    rift_warc_head h = head("response", "application/http; msgtype=response");
    CHECK(h.length == 42, "Content-Length read: %lld", h.length);
    CHECK(h.uri && h.uri_len == 20 && !memcmp(h.uri, "https://x.example/a/", 20),
          "a lower-case field name, spaces and <brackets> around the URI: '%.*s'",
          (int)h.uri_len, h.uri);
    CHECK(rift_warc_type_is(&h, "response") && !rift_warc_type_is(&h, "request"), "type");
    CHECK(rift_warc_version_line("WARC/1.1\r", 9) && !rift_warc_version_line("WARCX/1.0", 9) &&
              !rift_warc_version_line("WARC/", 5),
          "WARC/1.1 is a version line, WARCX and a bare WARC/ are not");
    rift_warc_head bad;
    rift_warc_head_parse("Content-Length: 12x\r\n", 21, &bad);
    CHECK(bad.length == -1, "a malformed Content-Length is -1");

    char out[512];
    const char *ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" PAGE;
    CHECK(page("response", ok, strlen(ok), out, sizeof out) == RIFT_OK && !strcmp(out, PAGE),
          "a 200 text/html response: its body, '%s'", out);
    const char *lf = "HTTP/1.0 200 OK\nContent-type: TEXT/HTML\n\n" PAGE;
    CHECK(page("response", lf, strlen(lf), out, sizeof out) == RIFT_OK && !strcmp(out, PAGE),
          "bare LF line ends and an upper-case media type");
    const char *sniff = "HTTP/1.1 200 OK\r\n\r\n  <!DOCTYPE html>" PAGE;
    CHECK(page("response", sniff, strlen(sniff), out, sizeof out) == RIFT_OK,
          "no Content-Type: a body that starts like HTML is HTML");
    const char *img = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
    CHECK(page("response", img, strlen(img), out, sizeof out) == RIFT_DONE, "an image: none");
    const char *moved = "HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n" PAGE;
    CHECK(page("response", moved, strlen(moved), out, sizeof out) == RIFT_DONE,
          "a redirect: none");
    CHECK(page("request", ok, strlen(ok), out, sizeof out) == RIFT_DONE, "a request: none");
    CHECK(page("revisit", ok, strlen(ok), out, sizeof out) == RIFT_DONE, "a revisit: none");

    const char *chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n"
                          "6;ext=1\r\n<html>\r\n28\r\n<body><p>Port reopens.</p></body></html>\r\n"
                          "0\r\n\r\n";
    CHECK(page("response", chunked, strlen(chunked), out, sizeof out) == RIFT_OK &&
              !strcmp(out, PAGE),
          "chunked, with a chunk extension: '%s'", out);
    const char *cut = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                      "Transfer-Encoding: chunked\r\n\r\nff\r\n<html>";
    CHECK(page("response", cut, strlen(cut), out, sizeof out) == RIFT_SKIP &&
              strstr(out, "chunked"),
          "a chunk longer than the body: skipped, '%s'", out);

    /* gzip, then raw deflate, of the page */
    unsigned char z[256];
    for (int raw = 0; raw < 2; raw++) {
        z_stream s;
        memset(&s, 0, sizeof s);
        deflateInit2(&s, 6, Z_DEFLATED, raw ? -15 : 15 + 16, 8, Z_DEFAULT_STRATEGY);
        s.next_in = (Bytef *)PAGE;
        s.avail_in = (uInt)strlen(PAGE);
        s.next_out = z;
        s.avail_out = sizeof z;
        deflate(&s, Z_FINISH);
        size_t zn = sizeof z - s.avail_out;
        deflateEnd(&s);
        char msg[512];
        int k = snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                         "Content-Encoding: %s\r\n\r\n", raw ? "deflate" : "gzip");
        memcpy(msg + k, z, zn);
        CHECK(page("response", msg, (size_t)k + zn, out, sizeof out) == RIFT_OK &&
                  !strcmp(out, PAGE),
              "Content-Encoding %s decoded: '%s'", raw ? "deflate (raw)" : "gzip", out);
    }
    const char *br = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxx";
    CHECK(page("response", br, strlen(br), out, sizeof out) == RIFT_SKIP &&
              strstr(out, "'br' is not supported"),
          "brotli: skipped, '%s'", out);
    const char *badgz = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                        "not gzip at all";
    CHECK(page("response", badgz, strlen(badgz), out, sizeof out) == RIFT_SKIP,
          "a body that does not decompress: skipped, '%s'", out);

    /* a resource record is the document itself */
    h = head("resource", "text/html");
    rift_buf buf;
    rift_buf_init(&buf);
    const char *html;
    size_t len;
    char why[64];
    CHECK(rift_warc_html(&h, PAGE, strlen(PAGE), 1 << 20, &buf, &html, &len, why, sizeof why) ==
              RIFT_OK && len == strlen(PAGE),
          "a text/html resource record: its content");
    rift_buf_free(&buf);
    return TEST_DONE();
}
