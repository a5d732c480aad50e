#pragma once
// Collects GDAL's error messages for the current thread instead of letting GDAL print them, so
// each failure reaches the user once, as a message naming the file (io/ only; GDAL types stay here).
#include <cpl_error.h>

#include <string>
#include <vector>

namespace safetymap::io {

class GdalErrorCapture {
 public:
  // The innermost capture of this thread receives the messages. (Not CPLGetErrorHandlerUserData(): GDAL
  // may call a handler from under one of its own, whose user data is something else.)
  GdalErrorCapture() : outer_(innermost()) {
    innermost() = this;
    CPLPushErrorHandlerEx(&GdalErrorCapture::handler, nullptr);
  }
  ~GdalErrorCapture() {
    CPLPopErrorHandler();
    innermost() = outer_;
  }
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
  const std::string& last() const { return last_; }
  size_t size() const { return total_; }  // messages so far
  const std::string& lastWarning() const { return warning_; }
  int count(const std::string& containing) const {  // how many messages contained this text
    int n = 0;
    for (const auto& m : all_) n += m.find(containing) != std::string::npos;
    return n;
  }

 private:
  static GdalErrorCapture*& innermost() {
    thread_local GdalErrorCapture* current = nullptr;
    return current;
  }
  static void handler(CPLErr e, CPLErrorNum, const char* msg) {
    GdalErrorCapture* self = innermost();
    if (e == CE_Warning && self && msg) self->warning_ = msg;
    if (e >= CE_Failure && self && msg) {
      self->last_ = msg;
      ++self->total_;
      if (self->all_.size() < 10000) self->all_.push_back(msg);
    }
  }
  GdalErrorCapture* outer_;
  std::string last_;
  size_t total_ = 0;
  std::string warning_;
  std::vector<std::string> all_;
};

}  // namespace safetymap::io
