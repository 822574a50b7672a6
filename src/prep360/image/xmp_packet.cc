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

void Attribute(std::string& out, const char* name, const std::string& value) {
  out += "\n   ";
  out += kXmpPrefix;
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

std::string BuildXmpPacket(const ViewMetadata& meta) {
  std::string out;
  out.reserve(600 + meta.view_name.size() + meta.source_name.size());
  out +=
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:";
  out += kXmpPrefix;
  out += "=\"";
  out += kXmpNamespace;
  out += '"';
  Attribute(out, "Yaw", Number(meta.yaw_deg));
  Attribute(out, "Pitch", Number(meta.pitch_deg));
  Attribute(out, "Roll", Number(meta.roll_deg));
  Attribute(out, "HFov", Number(meta.hfov_deg));
  Attribute(out, "VFov", Number(meta.vfov_deg));
  Attribute(out, "View", XmlEscape(meta.view_name));
  Attribute(out, "Source", XmlEscape(meta.source_name));
  out +=
      "/>\n"
      " </rdf:RDF>\n"
      "</x:xmpmeta>\n"
      "<?xpacket end=\"w\"?>";
  return out;
}

}  // namespace prep360::internal
