// SPDX-License-Identifier: MIT
#pragma once
// Ordered parallel map for batch commands: `work(i)` runs on `jobs` threads
// (the calling thread is one of them), and `consume(i, result)` sees every
// result in index order, one call at a time, as soon as it and all before it
// are ready. At most `window` results wait at any time, so memory does not
// grow with the number of inputs, and the output is the same for every
// number of jobs.
//
// Whichever worker finds the next result in order ready consumes it (and
// any ready after it), so no thread sleeps and wakes once per result: on a
// busy machine those wake-ups cost as much as the work.

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace aidecide::cli {

// The number of threads `--jobs 0` means: the cores this process may use.
std::size_t available_cores();

template <typename Result, typename Work, typename Consume>
void ordered_parallel(std::size_t count, std::size_t jobs, Work work, Consume consume) {
  jobs = std::max<std::size_t>(1, std::min(jobs, count));
  if (jobs == 1) {
    for (std::size_t i = 0; i < count; ++i) {
      Result r = work(i);
      consume(i, r);
    }
    return;
  }
  const std::size_t window = 8 * jobs;
  struct Slot {
    std::optional<Result> result;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mutex;
  std::condition_variable window_moved;
  std::size_t next = 0;      // next index to claim
  std::size_t consumed = 0;  // results handed to `consume`
  bool consuming = false;    // a worker is calling `consume`
  std::exception_ptr failure;

  // Hands over every result that is next in order and ready; called with the
  // lock held, returns with it held. One worker at a time does this.
  const auto drain = [&](std::unique_lock<std::mutex>& lock) {
    if (consuming) return;
    consuming = true;
    while (!failure && consumed < count && slots[consumed % window].ready) {
      Slot slot = std::move(slots[consumed % window]);
      slots[consumed % window] = Slot{};
      lock.unlock();
      std::exception_ptr error = slot.error;
      if (!error) {
        try {
          consume(consumed, *slot.result);
        } catch (...) {
          error = std::current_exception();
        }
      }
      lock.lock();
      if (error) {
        failure = error;
      } else {
        ++consumed;
      }
      window_moved.notify_all();
    }
    consuming = false;
  };
  const auto worker = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      window_moved.wait(lock, [&] { return failure || next >= count || next < consumed + window; });
      if (failure || next >= count) return;
      const std::size_t i = next++;
      lock.unlock();
      Slot done;
      try {
        done.result.emplace(work(i));
      } catch (...) {
        done.error = std::current_exception();
      }
      done.ready = true;
      lock.lock();
      slots[i % window] = std::move(done);
      drain(lock);
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs - 1);
  for (std::size_t t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  // Every worker has left: the last result may still wait for a consumer
  // that saw it not ready.
  std::unique_lock lock(mutex);
  drain(lock);
  if (failure) std::rethrow_exception(failure);
}

}  // namespace aidecide::cli
