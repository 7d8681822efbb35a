// SPDX-License-Identifier: MIT
#pragma once
// Ordered parallel map for batch commands: `work(i)` runs on `jobs` threads,
// and `consume(i, result)` sees every result on the calling thread in index
// order, as soon as it and all before it are ready. At most `window` results
// wait at any time, so memory does not grow with the number of inputs, and
// the output is the same for every number of jobs.

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
  std::condition_variable slot_free, slot_ready;
  std::size_t next = 0;      // next index to claim
  std::size_t consumed = 0;  // results handed to `consume`
  bool stop = false;

  const auto worker = [&] {
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        slot_free.wait(lock, [&] { return stop || next >= count || next < consumed + window; });
        if (stop || next >= count) return;
        i = next++;
      }
      Slot done;
      try {
        done.result.emplace(work(i));
      } catch (...) {
        done.error = std::current_exception();
      }
      done.ready = true;
      {
        std::lock_guard lock(mutex);
        slots[i % window] = std::move(done);
      }
      slot_ready.notify_one();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (std::size_t t = 0; t < jobs; ++t) threads.emplace_back(worker);
  const auto finish = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    slot_free.notify_all();
    for (auto& t : threads) t.join();
  };
  try {
    for (std::size_t i = 0; i < count; ++i) {
      Slot slot;
      {
        std::unique_lock lock(mutex);
        slot_ready.wait(lock, [&] { return slots[i % window].ready; });
        slot = std::move(slots[i % window]);
        slots[i % window] = Slot{};
      }
      if (slot.error) std::rethrow_exception(slot.error);
      consume(i, *slot.result);
      {
        std::lock_guard lock(mutex);
        ++consumed;
      }
      slot_free.notify_all();
    }
  } catch (...) {
    finish();
    throw;
  }
  finish();
}

}  // namespace aidecide::cli
