#pragma once
// The "encode" group of the job document: how output images are written.
#include "prep360/image/image_io.h"
#include "prep360/util/fields.h"

namespace prep360 {

struct EncodeSettings {
  ImageFormat format = ImageFormat::kJpeg;
  EncodeOptions codec;   // quality, chroma subsampling, PNG/TIFF compression level
  bool metadata = true;  // EXIF/XMP in every image

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"format", "Output image format"}, s.format);
    visit(Field{"quality", "JPEG quality"}.Range(1, 100), s.codec.jpeg_quality);
    visit(Field{"subsampling", "JPEG chroma subsampling"}, s.codec.jpeg_subsampling);
    visit(Field{"png_level", "PNG compression: 1 fast, 2..9 smaller and slower (zlib), 0 none; also TIFF Deflate"}
              .Range(0, 9),
          s.codec.png_compression);
    visit(Field{"metadata", "Write EXIF/XMP (focal length, orientation, capture time) into the images"}, s.metadata);
  }
};

}  // namespace prep360
