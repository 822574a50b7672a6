#pragma once
// At most N one-shot inferences at once. Requests beyond that wait their turn: the CPU (or GPU)
// is busy anyway, and every inference in flight holds the model's activations, so an unbounded
// number of concurrent calls would grow memory with the number of connections.
#include <condition_variable>
#include <mutex>

namespace prep360::serve {

class InferenceGate {
 public:
  explicit InferenceGate(int slots) : free_(slots < 1 ? 1 : slots) {}

  // Holds one slot for its lifetime.
  class Slot {
   public:
    explicit Slot(InferenceGate& gate) : gate_(gate) {
      std::unique_lock<std::mutex> lock(gate_.mutex_);
      gate_.changed_.wait(lock, [&] { return gate_.free_ > 0; });
      --gate_.free_;
    }
    ~Slot() {
      {
        const std::lock_guard<std::mutex> lock(gate_.mutex_);
        ++gate_.free_;
      }
      gate_.changed_.notify_one();
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    InferenceGate& gate_;
  };

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int free_;
};

}  // namespace prep360::serve
