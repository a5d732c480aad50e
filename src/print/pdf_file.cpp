#include "print/pdf_file.hpp"

#include <cairo-pdf.h>
#include <unistd.h>

#include <filesystem>

#include "io/commit_file.hpp"

namespace fs = std::filesystem;

namespace safetymap::print {

PdfFile::PdfFile(std::string target, double w, double h) : target_(std::move(target)) {
  fs::path t = fs::absolute(target_);
  std::error_code ec;
  if (!fs::is_directory(t.parent_path(), ec)) {
    status_ = Status::failure(target_ + ": the folder " + t.parent_path().string() + " does not exist");
    return;
  }
  tmp_ = (t.parent_path() / ("." + t.filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
  surface_ = cairo_pdf_surface_create(tmp_.c_str(), w, h);
  if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS) {
    status_ = Status::failure(target_ + ": cannot write here (" +
                              cairo_status_to_string(cairo_surface_status(surface_)) + ")");
    cairo_surface_destroy(surface_);
    surface_ = nullptr;
    fs::remove(tmp_, ec);
    return;
  }
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "safetymap");
  cr_ = cairo_create(surface_);
}

PdfFile::~PdfFile() {
  if (cr_) cairo_destroy(cr_);
  if (surface_) cairo_surface_destroy(surface_);
  std::error_code ec;
  if (!committed_ && !tmp_.empty()) fs::remove(tmp_, ec);
}

void PdfFile::setTitle(const std::string& title) {
  if (surface_) cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
}

Status PdfFile::commit() {
  if (!cr_) return status_;
  cairo_destroy(cr_);
  cr_ = nullptr;
  cairo_surface_finish(surface_);
  cairo_status_t status = cairo_surface_status(surface_);
  cairo_surface_destroy(surface_);
  surface_ = nullptr;
  if (status != CAIRO_STATUS_SUCCESS)
    return status_ = Status::failure(target_ + ": writing the PDF failed (" + cairo_status_to_string(status) + ")");
  if (Status s = io::commitFile(tmp_, fs::absolute(target_).string()); !s) return status_ = s;
  committed_ = true;
  return {};
}

}  // namespace safetymap::print
