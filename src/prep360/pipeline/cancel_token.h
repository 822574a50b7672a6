#pragma once
// Cancellation that any thread can trigger. A job polls its token: once cancelled it admits no
// new frame, skips views not yet started and finishes the files in progress, so only whole files
// are left (as Ctrl-C does). Copies share one state.
#include <atomic>
#include <memory>

namespace prep360 {

class CancelToken {
 public:
  CancelToken() : state_(std::make_shared<std::atomic<bool>>(false)) {}
  // A token that is also cancelled while `*flag` is true (e.g. a signal handler's flag, which
  // must outlive the token).
  static CancelToken Linked(const std::atomic<bool>* flag) {
    CancelToken token;
    token.linked_ = flag;
    return token;
  }

  void Cancel() const { state_->store(true, std::memory_order_relaxed); }
  bool cancelled() const {
    return state_->load(std::memory_order_relaxed) || (linked_ != nullptr && linked_->load(std::memory_order_relaxed));
  }

 private:
  std::shared_ptr<std::atomic<bool>> state_;
  const std::atomic<bool>* linked_ = nullptr;
};

}  // namespace prep360
