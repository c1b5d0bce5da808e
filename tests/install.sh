#!/bin/sh
# install.sh: `make install` into a temporary PREFIX (and, for packagers,
# with DESTDIR) gives a working library, CLI, man page and pkg-config file:
# a small C program built with `pkg-config --cflags --libs rift` finds the
# installed data by itself, and the installed rift runs from elsewhere.
# Usage: sh tests/install.sh (from the source tree; builds in a temporary directory)
set -u
cd "$(dirname "$0")/.." || exit 2
SRC=$(pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n+1)); echo "ok $n - $1"; }
nok() { n=$((n+1)); echo "not ok $n - $1"; [ -s "$T/err" ] && sed 's/^/#   /' "$T/err" | tail -5; }
expect() { d=$1; shift; if "$@"; then ok "$d"; else nok "$d"; fi; }
# a make of our own, not the jobserver of a make that runs this test
unset MAKEFLAGS MFLAGS MAKELEVEL
unset RIFT_DATA

# as a user does: make, then make install PREFIX=DIR
P=$T/prefix
make -s -j2 all BUILD="$T/build" OPT=-O1 > "$T/err" 2>&1 &&
    make -s -j2 install BUILD="$T/build" PREFIX="$P" OPT=-O1 > "$T/err" 2>&1; rc=$?
expect "make install PREFIX=$P: exit 0" [ $rc -eq 0 ]
missing=""
for f in bin/rift lib/librift.a lib/librift.so lib/librift.so.1 include/rift.h \
         lib/pkgconfig/rift.pc share/man/man1/rift.1 share/rift/en/frames.txt \
         share/rift/en/parser.bin; do
    [ -e "$P/$f" ] || missing="$missing $f"
done
expect "installed: CLI, libraries, header, rift.pc, man page, data${missing:+ (missing:$missing)}" [ -z "$missing" ]
expect "rift.pc names the prefix" grep -qx "prefix=$P" "$P/lib/pkgconfig/rift.pc"
# the ABI: a versioned soname, and only the RIFT_API functions exported
expect "librift.so's soname is librift.so.1" \
    sh -c "readelf -d '$P/lib/librift.so.1' | grep -q 'SONAME.*\[librift.so.1\]'"
nm -D --defined-only "$P/lib/librift.so.1" | awk '{print $3}' > "$T/syms"
nsyms=$(wc -l < "$T/syms")
napi=$(grep -c '^RIFT_API ' include/rift.h)
others=$(grep -v '^rift_' "$T/syms" | head -3 | tr '\n' ' ')
expect "exports the $napi RIFT_API functions of rift.h and nothing else ($nsyms exported${others:+; not public: $others})" \
    sh -c "[ $nsyms -eq $napi ] && [ -z '$others' ]"

cat > "$T/prog.c" <<'EOF'
/* a user's program: the model from the library's own data directory */
#include <rift.h>
#include <stdio.h>
int main(void)
{
    rift_model *m = NULL;
    if (rift_model_open(NULL, &m) != RIFT_OK) {
        fprintf(stderr, "model: %s\n", rift_model_errmsg(m));
        return 1;
    }
    rift_article a = {0};
    a.text = "Governor Teodora Brask met Lucan Ferreira-Holt in Halden on Monday.";
    for (a.text_len = 0; a.text[a.text_len]; a.text_len++) {}
    rift_doc *d = NULL;
    if (rift_doc_analyze(m, &a, NULL, &d) != RIFT_OK)
        return 1;
    size_t n;
    const rift_entity *e = rift_doc_entities(d, &n);
    printf("rift %s: %zu entities, first %s\n", rift_version(), n, n ? e[0].name : "-");
    /* the stable ABI's accessors agree with the arrays */
    if (rift_doc_n_entities(d) != n || (n && rift_doc_entity(d, 0) != &e[0]) ||
        rift_doc_entity(d, n) != NULL)
        return 1;
    rift_doc_free(d);
    rift_model_close(m);
    return 0;
}
EOF
# built and run far from the source tree: nothing found by accident in ./data
cd / || exit 2
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
flags=$(pkg-config --cflags --libs rift 2> "$T/err"); rc=$?
expect "pkg-config --cflags --libs rift: $flags" sh -c "[ $rc -eq 0 ] && echo '$flags' | grep -q -- '-L$P/lib -lrift'"
# shellcheck disable=SC2086
${CC:-cc} -o "$T/prog" "$T/prog.c" $flags 2> "$T/err"; rc=$?
expect "a C program compiles and links against the installed library" [ $rc -eq 0 ]
LD_LIBRARY_PATH="$P/lib" "$T/prog" > "$T/out" 2> "$T/err"; rc=$?
expect "it runs with the library's built-in data directory ($P/share/rift/en)" \
    sh -c "[ $rc -eq 0 ] && grep -q 'entities, first Teodora Brask' '$T/out'"
printf 'Mr. Smith spoke on Monday. He left.\n' > "$T/a.txt"
"$P/bin/rift" analyze "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
expect "the installed rift runs from another directory" \
    sh -c "[ $rc -eq 0 ] && grep -q '\"name\":\"Smith\"' '$T/out'"
"$P/bin/rift" --version > "$T/out" 2> "$T/err"
expect "the installed rift --version" grep -q '^rift [0-9]' "$T/out"
cd "$SRC" || exit 2

# a packager: DESTDIR stages the files, PREFIX is where they will live
make -s -j2 install BUILD="$T/build" PREFIX=/opt/rift DESTDIR="$T/stage" OPT=-O1 > "$T/err" 2>&1; rc=$?
S=$T/stage/opt/rift
expect "make install DESTDIR=... PREFIX=/opt/rift: files under DESTDIR" \
    sh -c "[ $rc -eq 0 ] && [ -x '$S/bin/rift' ] && [ -f '$S/share/rift/en/titles.txt' ]"
expect "staged rift.pc names /opt/rift" grep -qx "prefix=/opt/rift" "$S/lib/pkgconfig/rift.pc"
expect "staged library looks for its data in /opt/rift/share/rift/en" \
    grep -q "/opt/rift/share/rift/en" "$S/lib/librift.so.1"
(cd / && "$S/bin/rift" analyze "$T/a.txt") > "$T/out" 2> "$T/err"; rc=$?
expect "the staged rift runs (data beside it)" [ $rc -eq 0 ]

make -s uninstall PREFIX="$P" > "$T/err" 2>&1
left=$(find "$P" -type f | wc -l)
expect "make uninstall removes every installed file ($left left)" [ "$left" -eq 0 ]
