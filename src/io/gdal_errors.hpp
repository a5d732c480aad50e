#pragma once
// Collects GDAL's error messages for the current thread instead of letting GDAL print them, so
// each failure reaches the user once, as a message naming the file (io/ only; GDAL types stay here).
#include <cpl_error.h>

#include <string>
#include <vector>

namespace safetymap::io {

class GdalErrorCapture {
 public:
  GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this); }
  ~GdalErrorCapture() { CPLPopErrorHandler(); }
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
  const std::string& last() const { return last_; }
  size_t size() const { return total_; }  // messages so far
  int count(const std::string& containing) const {  // how many messages contained this text
    int n = 0;
    for (const auto& m : all_) n += m.find(containing) != std::string::npos;
    return n;
  }

 private:
  static void handler(CPLErr e, CPLErrorNum, const char* msg) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (e >= CE_Failure && self && msg) {
      self->last_ = msg;
      ++self->total_;
      if (self->all_.size() < 10000) self->all_.push_back(msg);
    }
  }
  std::string last_;
  size_t total_ = 0;
  std::vector<std::string> all_;
};

}  // namespace safetymap::io
