#pragma once
// Collects GDAL's error messages for the current thread instead of letting GDAL print them, so
// each failure reaches the user once, as a message naming the file (io/ only; GDAL types stay here).
#include <cpl_error.h>

#include <string>

namespace safetymap::io {

class GdalErrorCapture {
 public:
  GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this); }
  ~GdalErrorCapture() { CPLPopErrorHandler(); }
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
  const std::string& last() const { return last_; }

 private:
  static void handler(CPLErr e, CPLErrorNum, const char* msg) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (e >= CE_Failure && self && msg) self->last_ = msg;
  }
  std::string last_;
};

}  // namespace safetymap::io
