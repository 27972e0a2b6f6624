// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * An SDL2 audio program: opens an audio device whose callback fills
 * buffers with a deterministic wave; SDL calls it from its own audio
 * thread. Run with SDL_AUDIODRIVER=disk, SDL writes what the callback made
 * to SDL_DISKAUDIOFILE. The first BUFFERS buffers are the wave; later ones,
 * as many as the timing makes, are silence.
 *
 * SDL is opened with dlopen (its guest headers and library are not needed
 * to build this), as a program with an optional audio backend would.
 */
#include <SDL2/SDL.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define BUFFERS 40
#define SAMPLES 512

static int buffers;
static pthread_t main_thread;
static int on_main_thread;

static void fill(void *userdata, Uint8 *stream, int len)
{
    unsigned *phase = userdata;
    Sint16 *out = (Sint16 *)(void *)stream;

    on_main_thread |= pthread_equal(pthread_self(), main_thread);
    if (__atomic_load_n(&buffers, __ATOMIC_ACQUIRE) >= BUFFERS) {
        memset(stream, 0, (size_t)len);
        return;
    }
    for (int i = 0; i < len / 2; i++, (*phase)++) {
        out[i] = (Sint16)((*phase * 37u + *phase / 300u * 11u) % 20000u) - 10000;
    }
    __atomic_add_fetch(&buffers, 1, __ATOMIC_RELEASE);
}

#define SDL_FUNCTIONS(X) X(SDL_Init) X(SDL_Quit) X(SDL_GetError) X(SDL_OpenAudioDevice) \
    X(SDL_PauseAudioDevice) X(SDL_CloseAudioDevice) X(SDL_GetCurrentAudioDriver) \
    X(SDL_LockAudioDevice) X(SDL_UnlockAudioDevice) X(SDL_Delay)
#define DECLARE(f) static __typeof__(f) *p_##f;
SDL_FUNCTIONS(DECLARE)

int main(void)
{
    unsigned phase = 0;
    void *sdl = dlopen("libSDL2-2.0.so.0", RTLD_NOW);

    setvbuf(stdout, NULL, _IOLBF, 0);
    main_thread = pthread_self();
    if (!sdl) {
        printf("dlopen: %s\n", dlerror());
        return 1;
    }
#define LOOK_UP(f) if (!(p_##f = (__typeof__(p_##f))dlsym(sdl, #f))) { printf("no %s\n", #f); return 1; }
    SDL_FUNCTIONS(LOOK_UP)
    if (p_SDL_Init(SDL_INIT_AUDIO) != 0) {
        printf("SDL_Init: %s\n", p_SDL_GetError());
        return 1;
    }
    printf("audio driver: %s\n", p_SDL_GetCurrentAudioDriver());
    SDL_AudioSpec want = { .freq = 44100, .format = AUDIO_S16LSB, .channels = 1,
                           .samples = SAMPLES, .callback = fill, .userdata = &phase };
    SDL_AudioDeviceID dev = p_SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0);
    if (!dev) {
        printf("SDL_OpenAudioDevice: %s\n", p_SDL_GetError());
        return 1;
    }
    p_SDL_PauseAudioDevice(dev, 0);
    for (int waited = 0; __atomic_load_n(&buffers, __ATOMIC_ACQUIRE) < BUFFERS && waited < 2000; waited++) {
        p_SDL_Delay(5);
    }
    p_SDL_LockAudioDevice(dev);         /* the callback is not running now */
    int made = buffers;
    p_SDL_UnlockAudioDevice(dev);
    p_SDL_PauseAudioDevice(dev, 1);
    p_SDL_CloseAudioDevice(dev);
    p_SDL_Quit();
    printf("%d buffers of %d samples filled, on SDL's audio thread: %s\n", made, SAMPLES,
           on_main_thread ? "no" : "yes");
    return 0;
}
