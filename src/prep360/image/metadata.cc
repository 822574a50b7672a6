#include "prep360/image/metadata.h"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <numeric>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // exiv2 0.27 uses std::auto_ptr
#include <exiv2/exiv2.hpp>

#include "prep360/image/exif_block.h"
#include "prep360/util/utc_time.h"
#include "prep360/image/exif_orientation.h"
#include "prep360/image/jpeg_segments.h"
#include "prep360/image/png_chunks.h"
#include "prep360/image/xmp_packet.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// exiv2's bundled XMP toolkit is not thread-safe: every exiv2 call that may parse or serialise
// XMP (opening, reading, writing images) runs under this mutex. The JPEG and PNG paths of
// EmbedViewMetadata need none of that and run unlocked.
std::mutex g_exiv2_mutex;
// Serialises XMP namespace registration inside exiv2 (XmpParser::initialize's lock hook).
std::mutex g_xmp_registry_mutex;

void LockXmpRegistry(void* data, bool lock) {
  auto* mutex = static_cast<std::mutex*>(data);
  if (lock) {
    mutex->lock();
  } else {
    mutex->unlock();
  }
}

void EnsureExiv2() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Damaged metadata in user files is not our users' problem to read about on stderr.
    Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
    Exiv2::XmpParser::initialize(LockXmpRegistry, &g_xmp_registry_mutex);
    Exiv2::XmpProperties::registerNs(internal::kXmpNamespace, internal::kXmpPrefix);
  });
}

std::optional<std::string> AsciiTag(const Exiv2::ExifData& exif, const char* key) {
  const auto it = exif.findKey(Exiv2::ExifKey(key));
  if (it == exif.end()) return std::nullopt;
  std::string s = it->toString();
  while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
  if (s.empty()) return std::nullopt;
  return s;
}

std::optional<double> RationalTag(const Exiv2::ExifData& exif, const char* key, long index = 0) {
  const auto it = exif.findKey(Exiv2::ExifKey(key));
  if (it == exif.end() || it->count() <= index) return std::nullopt;
  const Exiv2::Rational r = it->toRational(index);
  if (r.second == 0) return std::nullopt;
  return static_cast<double>(r.first) / static_cast<double>(r.second);
}

std::optional<int> IntTag(const Exiv2::ExifData& exif, const char* key) {
  const auto it = exif.findKey(Exiv2::ExifKey(key));
  if (it == exif.end() || it->count() < 1) return std::nullopt;
  return static_cast<int>(it->toLong(0));
}

std::optional<double> Coordinate(const Exiv2::ExifData& exif, const char* value_key, const char* ref_key,
                                 char negative_ref) {
  const auto deg = RationalTag(exif, value_key, 0);
  const auto min = RationalTag(exif, value_key, 1);
  const auto sec = RationalTag(exif, value_key, 2);
  if (!deg || !min || !sec) return std::nullopt;
  double value = *deg + *min / 60.0 + *sec / 3600.0;
  const auto ref = AsciiTag(exif, ref_key);
  if (ref && !ref->empty() && (*ref)[0] == negative_ref) value = -value;
  return value;
}

std::optional<GpsPosition> ReadGps(const Exiv2::ExifData& exif) {
  const auto lat = Coordinate(exif, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef", 'S');
  const auto lon = Coordinate(exif, "Exif.GPSInfo.GPSLongitude", "Exif.GPSInfo.GPSLongitudeRef", 'W');
  if (!lat || !lon || !std::isfinite(*lat) || !std::isfinite(*lon)) return std::nullopt;
  GpsPosition gps;
  gps.latitude_deg = *lat;
  gps.longitude_deg = *lon;
  if (const auto alt = RationalTag(exif, "Exif.GPSInfo.GPSAltitude")) {
    const auto ref = IntTag(exif, "Exif.GPSInfo.GPSAltitudeRef");
    gps.altitude_m = (ref && *ref == 1) ? -*alt : *alt;
  }
  gps.dop = RationalTag(exif, "Exif.GPSInfo.GPSDOP");
  const auto date = AsciiTag(exif, "Exif.GPSInfo.GPSDateStamp");
  const auto h = RationalTag(exif, "Exif.GPSInfo.GPSTimeStamp", 0);
  const auto m = RationalTag(exif, "Exif.GPSInfo.GPSTimeStamp", 1);
  const auto sec = RationalTag(exif, "Exif.GPSInfo.GPSTimeStamp", 2);
  int y = 0, mo = 0, d = 0;
  if (date && h && m && sec && std::sscanf(date->c_str(), "%d:%d:%d", &y, &mo, &d) == 3) {
    gps.utc_s = UnixSeconds(y, mo, d, 0, 0, 0) + *h * 3600.0 + *m * 60.0 + *sec;
  }
  return gps;
}

SourceMetadata SourceFromExif(const Exiv2::ExifData& exif) {
  SourceMetadata source;
  source.datetime_original = AsciiTag(exif, "Exif.Photo.DateTimeOriginal");
  source.subsec_original = AsciiTag(exif, "Exif.Photo.SubSecTimeOriginal");
  source.gps = ReadGps(exif);
  return source;
}

SourceMetadata ReadSourceFromImage(Exiv2::Image::AutoPtr image) {
  if (image.get() == nullptr) return {};
  image->readMetadata();
  return SourceFromExif(image->exifData());
}

std::optional<double> XmpReal(const Exiv2::XmpData& xmp, const std::string& property) {
  const auto it = xmp.findKey(Exiv2::XmpKey(internal::kXmpPrefix, property));
  if (it == xmp.end()) return std::nullopt;
  const std::string text = it->toString();
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

std::vector<std::uint8_t> EmbedWithExiv2(const std::vector<std::uint8_t>& encoded,
                                         const Exiv2::ExifData& exif, const std::string& xmp_packet) {
  std::lock_guard<std::mutex> lock(g_exiv2_mutex);
  Exiv2::Image::AutoPtr image = Exiv2::ImageFactory::open(encoded.data(), static_cast<long>(encoded.size()));
  if (image.get() == nullptr) throw Error("cannot add metadata: unrecognised image data");
  image->readMetadata();
  Exiv2::ExifData& target = image->exifData();
  for (const auto& datum : exif) target[datum.key()] = datum.value();
  image->setXmpPacket(xmp_packet);
  image->writeXmpFromPacket(true);
  image->writeMetadata();
  Exiv2::BasicIo& io = image->io();
  const long size = static_cast<long>(io.size());
  std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
  if (io.open() != 0) throw Error("cannot add metadata: exiv2 I/O failed");
  io.seek(0, Exiv2::BasicIo::beg);
  const long got = io.read(out.data(), size);
  io.close();
  if (got != size) throw Error("cannot add metadata: exiv2 I/O failed");
  return out;
}

}  // namespace

SourceMetadata ReadSourceMetadata(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw FileError(path, std::string("cannot open: ") + std::strerror(errno));
  EnsureExiv2();
  SourceMetadata source;
  try {
    std::lock_guard<std::mutex> lock(g_exiv2_mutex);
    source = ReadSourceFromImage(Exiv2::ImageFactory::open(path, false));
  } catch (const std::exception&) {
    source = {};
  }
  try {
    source.orientation = ReadImageInfo(path).orientation;  // what the decoder applies
  } catch (const Error&) {
  }
  return source;
}

SourceMetadata ReadSourceMetadata(const std::vector<std::uint8_t>& bytes) {
  if (bytes.empty()) return {};
  EnsureExiv2();
  SourceMetadata source;
  try {
    std::lock_guard<std::mutex> lock(g_exiv2_mutex);
    source = ReadSourceFromImage(Exiv2::ImageFactory::open(bytes.data(), static_cast<long>(bytes.size())));
  } catch (const std::exception&) {
    source = {};
  }
  source.orientation = internal::ReadExifOrientation(bytes);  // what the decoder applies
  return source;
}

namespace {

// JPEG and PNG: no exiv2 image I/O and no lock. The EXIF block is encoded by exiv2, the XMP
// packet written by hand, and both spliced in (APP1 segments after SOI/JFIF; eXIf and iTXt
// chunks after IHDR). TIFF keeps metadata in its own directory: exiv2 rewrites it.
std::vector<std::uint8_t> Embed(const std::vector<std::uint8_t>& encoded, ImageFormat format,
                                const ViewMetadata& exif_meta, const std::string& xmp_packet) {
  EnsureExiv2();
  if (format == ImageFormat::kJpeg) {
    return internal::InsertJpegMetadata(encoded, internal::BuildExifBlock(exif_meta), xmp_packet);
  }
  if (format == ImageFormat::kPng) {
    return internal::InsertPngMetadata(encoded, internal::BuildExifBlock(exif_meta), xmp_packet);
  }
  try {
    return EmbedWithExiv2(encoded, internal::BuildExifData(exif_meta), xmp_packet);
  } catch (const Exiv2::AnyError& e) {
    throw Error(std::string("cannot add metadata: ") + e.what());
  }
}

}  // namespace

std::vector<std::uint8_t> EmbedViewMetadata(const std::vector<std::uint8_t>& encoded, ImageFormat format,
                                            const ViewMetadata& meta) {
  return Embed(encoded, format, meta, internal::BuildXmpPacket(meta));
}

std::vector<std::uint8_t> EmbedPanoramaMetadata(const std::vector<std::uint8_t>& encoded, ImageFormat format,
                                                const PanoramaMetadata& meta) {
  ViewMetadata exif_meta;  // focal_px 0: pixel dimensions, capture time and GPS only
  exif_meta.width = meta.width;
  exif_meta.height = meta.height;
  exif_meta.source_name = meta.source_name;
  exif_meta.source = meta.source;
  return Embed(encoded, format, exif_meta, internal::BuildGPanoXmpPacket(meta.width, meta.height));
}

ViewMetadataReadback ReadViewMetadata(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    throw FileError(path, std::string("cannot open: ") + std::strerror(errno));
  EnsureExiv2();
  ViewMetadataReadback out;
  try {
    std::lock_guard<std::mutex> lock(g_exiv2_mutex);
    Exiv2::Image::AutoPtr image = Exiv2::ImageFactory::open(path, false);
    if (image.get() == nullptr) throw FileError(path, "not an image exiv2 can read");
    image->readMetadata();
    const Exiv2::ExifData& exif = image->exifData();
    out.focal_length_mm = RationalTag(exif, "Exif.Photo.FocalLength");
    out.focal_length_35mm = IntTag(exif, "Exif.Photo.FocalLengthIn35mmFilm");
    out.focal_plane_x_resolution = RationalTag(exif, "Exif.Photo.FocalPlaneXResolution");
    out.focal_plane_resolution_unit = IntTag(exif, "Exif.Photo.FocalPlaneResolutionUnit");
    out.pixel_x_dimension = IntTag(exif, "Exif.Photo.PixelXDimension");
    out.pixel_y_dimension = IntTag(exif, "Exif.Photo.PixelYDimension");
    out.datetime_original = AsciiTag(exif, "Exif.Photo.DateTimeOriginal");
    out.subsec_original = AsciiTag(exif, "Exif.Photo.SubSecTimeOriginal");
    out.gps = ReadGps(exif);
    out.orientation = IntTag(exif, "Exif.Image.Orientation");
    const Exiv2::XmpData& xmp = image->xmpData();
    out.yaw_deg = XmpReal(xmp, "Yaw");
    out.pitch_deg = XmpReal(xmp, "Pitch");
    out.roll_deg = XmpReal(xmp, "Roll");
    out.hfov_deg = XmpReal(xmp, "HFov");
    out.vfov_deg = XmpReal(xmp, "VFov");
    const auto view = xmp.findKey(Exiv2::XmpKey(internal::kXmpPrefix, "View"));
    if (view != xmp.end()) out.view_name = view->toString();
    const auto projection = xmp.findKey(Exiv2::XmpKey("Xmp.GPano.ProjectionType"));
    if (projection != xmp.end()) out.gpano_projection = projection->toString();
    const auto full_w = xmp.findKey(Exiv2::XmpKey("Xmp.GPano.FullPanoWidthPixels"));
    if (full_w != xmp.end()) out.gpano_full_width = static_cast<int>(full_w->toLong());
    const auto full_h = xmp.findKey(Exiv2::XmpKey("Xmp.GPano.FullPanoHeightPixels"));
    if (full_h != xmp.end()) out.gpano_full_height = static_cast<int>(full_h->toLong());
  } catch (const Exiv2::AnyError& e) {
    throw FileError(path, std::string("cannot read metadata: ") + e.what());
  }
  return out;
}

}  // namespace prep360

#pragma GCC diagnostic pop
