#pragma once
// A PDF written atomically: pages go to a temporary file beside the target, which replaces the target only
// once cairo has finished it without error. A failure leaves the previous file (or none), never half a PDF.
#include <cairo.h>

#include <string>

#include "core/status.hpp"

namespace safetymap::print {

class PdfFile {
 public:
  PdfFile(std::string target, double widthPt, double heightPt);
  ~PdfFile();  // an unfinished file is removed
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;
  const Status& status() const { return status_; }  // a failure names the file and the problem
  cairo_t* cr() const { return cr_; }
  void setTitle(const std::string& title);
  void nextPage() { cairo_show_page(cr_); }
  Status commit();  // finishes and renames over the target

 private:
  std::string target_, tmp_;
  Status status_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  bool committed_ = false;
};

}  // namespace safetymap::print
