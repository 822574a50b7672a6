#pragma once
// The XMP packet prep360 writes into every view image (internal to metadata).
#include <string>

#include "prep360/image/metadata.h"

namespace prep360::internal {

inline constexpr char kXmpNamespace[] = "http://prep360.dev/ns/1.0/";
inline constexpr char kXmpPrefix[] = "p360";

// A complete <?xpacket?> with p360:Yaw, Pitch, Roll, HFov, VFov (degrees, shortest round-trip
// decimal), View and Source as attributes of one rdf:Description. Built by hand: no XMP toolkit
// call, so it is cheap and thread-safe.
std::string BuildXmpPacket(const ViewMetadata& meta);

// A complete <?xpacket?> with the Google Photo Sphere (GPano) properties of a full
// equirectangular panorama of width x height: ProjectionType, UsePanoramaViewer, FullPano*
// and CroppedArea* (the whole image).
std::string BuildGPanoXmpPacket(int width, int height);

// `text` with the five XML special characters escaped and control characters dropped.
std::string XmlEscape(const std::string& text);

}  // namespace prep360::internal
