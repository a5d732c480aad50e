#pragma once
// A page of the printout rendered to pixels by the same drawing code as the PDF, for the viewer's
// print preview (File › Print district…).
#include <cstdint>
#include <vector>

#include "print/print_job.hpp"

namespace safetymap::print {

struct PreviewImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;  // top row first, straight alpha
  int pages = 0;                   // pages the whole printout will have
};

// Page 1 (the map) of the first district in the options, at pxPerPt pixels per point.
PreviewImage renderPreview(const Project& project, const PrintOptions& options, double pxPerPt);

}  // namespace safetymap::print
