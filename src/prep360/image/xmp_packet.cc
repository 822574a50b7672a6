#include "prep360/image/xmp_packet.h"

#include <charconv>
#include <cmath>

namespace prep360::internal {
namespace {

std::string Number(double value) {
  if (!std::isfinite(value)) return "0";
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

void Attribute(std::string& out, const char* name, const std::string& value, const char* prefix = kXmpPrefix) {
  out += "\n   ";
  out += prefix;
  out += ':';
  out += name;
  out += "=\"";
  out += value;
  out += '"';
}

}  // namespace

std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // XML 1.0 allows no control characters except tab, newline and carriage return.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
    }
  }
  return out;
}

namespace {

constexpr char kGPanoNamespace[] = "http://ns.google.com/photos/1.0/panorama/";
constexpr char kGPanoPrefix[] = "GPano";

// The packet up to the open rdf:Description with one namespace declared.
std::string PacketStart(const char* prefix, const char* ns) {
  std::string out =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:";
  out += prefix;
  out += "=\"";
  out += ns;
  out += '"';
  return out;
}

constexpr char kPacketEnd[] =
    "/>\n"
    " </rdf:RDF>\n"
    "</x:xmpmeta>\n"
    "<?xpacket end=\"w\"?>";

}  // namespace

std::string BuildGPanoXmpPacket(int width, int height) {
  std::string out = PacketStart(kGPanoPrefix, kGPanoNamespace);
  Attribute(out, "ProjectionType", "equirectangular", kGPanoPrefix);
  Attribute(out, "UsePanoramaViewer", "True", kGPanoPrefix);
  Attribute(out, "FullPanoWidthPixels", std::to_string(width), kGPanoPrefix);
  Attribute(out, "FullPanoHeightPixels", std::to_string(height), kGPanoPrefix);
  Attribute(out, "CroppedAreaImageWidthPixels", std::to_string(width), kGPanoPrefix);
  Attribute(out, "CroppedAreaImageHeightPixels", std::to_string(height), kGPanoPrefix);
  Attribute(out, "CroppedAreaLeftPixels", "0", kGPanoPrefix);
  Attribute(out, "CroppedAreaTopPixels", "0", kGPanoPrefix);
  out += kPacketEnd;
  return out;
}

std::string BuildXmpPacket(const ViewMetadata& meta) {
  std::string out = PacketStart(kXmpPrefix, kXmpNamespace);
  Attribute(out, "Yaw", Number(meta.yaw_deg));
  Attribute(out, "Pitch", Number(meta.pitch_deg));
  Attribute(out, "Roll", Number(meta.roll_deg));
  Attribute(out, "HFov", Number(meta.hfov_deg));
  Attribute(out, "VFov", Number(meta.vfov_deg));
  Attribute(out, "View", XmlEscape(meta.view_name));
  Attribute(out, "Source", XmlEscape(meta.source_name));
  out += kPacketEnd;
  return out;
}

}  // namespace prep360::internal
