#pragma once
// A PDF written atomically: pages go to a temporary file beside the target, which replaces the target only
// once cairo has finished it without error. A failure leaves the previous file (or none), never half a PDF.
#include <cairo.h>

#include <string>

namespace safetymap::print {

class PdfFile {
 public:
  PdfFile(std::string target, double widthPt, double heightPt);
  ~PdfFile();  // an unfinished file is removed
  PdfFile(const PdfFile&) = delete;
  PdfFile& operator=(const PdfFile&) = delete;
  bool ok() const { return cr_ != nullptr; }
  const std::string& error() const { return error_; }  // names the file and the problem
  cairo_t* cr() const { return cr_; }
  void setTitle(const std::string& title);
  void nextPage() { cairo_show_page(cr_); }
  bool commit();  // finishes and renames over the target; false (and error()) on failure

 private:
  std::string target_, tmp_, error_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  bool committed_ = false;
};

}  // namespace safetymap::print
