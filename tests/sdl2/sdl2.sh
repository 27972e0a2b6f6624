# SPDX-License-Identifier: GPL-2.0-or-later
# SDL2 audio: SDL's own audio thread calls the program's callback, which a
# guest service thread runs (plugin/service.h). SDL's disk driver writes
# the audio to a file: byte-identical to plain emulation with the guest's
# own libSDL2, on every guest.

# The 40960 bytes of wave after the leading silence (zero samples) of FILE.
sdl2_wave() {
    local skip
    skip=$(od -An -v -tu1 -w1 "$1" | awk '$1 != 0 { print NR - 1; exit }')
    tail -c +$((${skip:-0} + 1)) "$1" | head -c 40960
}

for arch in $RUNTIME_ARCHES; do
    root="$B/sysroot/$arch"
    [ "$arch" = x86_64 ] && root=""
    prog="$B/$arch/tests/sdl2-audio"
    if ! ls "$root"/usr/lib/*-linux-gnu/libSDL2-2.0.so.0 >/dev/null 2>&1; then
        fail "$arch: sdl2: the guest has libSDL2 (toolchain/sysroot.sh)" "no libSDL2-2.0.so.0 under ${root:-/}"
        continue
    fi
    plain_dir=$(mktemp -d) host_dir=$(mktemp -d)
    # A lost callback would leave SDL's thread waiting: no run may hang the suite.
    plain=$(cd "$plain_dir" && SDL_AUDIODRIVER=disk QEMU_LAUNCHER="timeout 60 ${QEMU_LAUNCHER:-}" \
            hostlink_run "$arch" none "$prog" 2>&1)
    out=$(cd "$host_dir" && SDL_AUDIODRIVER=disk QEMU_LAUNCHER="timeout 60 ${QEMU_LAUNCHER:-}" \
          hostlink_run "$arch" sdl2 "$prog" 2>&1)
    # SDL's messages (stderr) and the program's (stdout) interleave as they come.
    expect_eq "$arch: sdl2: audio callback on SDL's audio thread (plain emulation)" \
"$(LC_ALL=C sort <<<"CRITICAL: You are using the SDL disk i/o audio driver!
CRITICAL:  Writing to file [sdlaudio.raw].
audio driver: disk
40 buffers of 512 samples filled, on SDL's audio thread: yes")" "$(LC_ALL=C sort <<<"$plain")"
    expect_eq "$arch: sdl2: ... the same through hostlink" "$(LC_ALL=C sort <<<"$plain")" \
        "$(LC_ALL=C sort <<<"$out")"
    expect_host "$arch: sdl2: ... SDL ran on the host" sdl2 SDL_Init SDL_OpenAudioDevice \
        SDL_PauseAudioDevice SDL_LockAudioDevice SDL_CloseAudioDevice SDL_Quit
    # SDL writes silence while the device is paused, as long as the timing
    # makes it, then 40 buffers of wave from the callback, then silence.
    check "$arch: sdl2: ... audio byte-identical to plain emulation's (40 buffers of 1024 bytes)" \
        cmp <(sdl2_wave "$plain_dir/sdlaudio.raw") <(sdl2_wave "$host_dir/sdlaudio.raw")
    check "$arch: sdl2: ... and the wave is all there" test "$(sdl2_wave "$host_dir/sdlaudio.raw" | wc -c)" -eq 40960
    rm -rf "$plain_dir" "$host_dir"
done
