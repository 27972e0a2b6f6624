// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libpng's two plain constructors, written by hand (the special key of
 * libs/libpng16.hl): libpng allocates with malloc and frees with free
 * unless told otherwise, and programs rely on it, freeing what libpng
 * allocated (optipng takes the rows over with png_data_freer and frees
 * them) or giving it what they allocated (png_set_rows with
 * PNG_FREE_ROWS). So every libpng struct is made with the guest's own
 * allocator, as the _2 constructors allow: the host library then
 * allocates and frees in the guest's heap, through guest callbacks.
 */
#include <stdlib.h>
#include <png.h>

#define HL_EXPORT __attribute__((visibility("default")))

static png_voidp guest_malloc(png_structp png, png_alloc_size_t size)
{
    (void)png;
    return malloc(size);
}

static void guest_free(png_structp png, png_voidp p)
{
    (void)png;
    free(p);
}

HL_EXPORT png_structp png_create_read_struct(png_const_charp user_png_ver, png_voidp error_ptr,
                                             png_error_ptr error_fn, png_error_ptr warn_fn)
{
    return png_create_read_struct_2(user_png_ver, error_ptr, error_fn, warn_fn, NULL, guest_malloc,
                                    guest_free);
}

HL_EXPORT png_structp png_create_write_struct(png_const_charp user_png_ver, png_voidp error_ptr,
                                              png_error_ptr error_fn, png_error_ptr warn_fn)
{
    return png_create_write_struct_2(user_png_ver, error_ptr, error_fn, warn_fn, NULL, guest_malloc,
                                     guest_free);
}
