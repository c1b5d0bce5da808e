# chrome.sh: sourced by a shell test that drives headless Chromium: CHROME
# (empty when none is installed) and chrome ARGS... (its profile in $T/prof).
CHROME=
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" > /dev/null 2>&1; then CHROME=$c; break; fi
done
chrome() {
    "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-default-apps --hide-scrollbars --user-data-dir="$T/prof" "$@"
}
