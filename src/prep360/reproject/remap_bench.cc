// Micro-benchmarks of the reprojection (W1 case of docs/performance.md): one 1920x1080 view,
// hfov 90, yaw 45, from a 7680x3840 RGB 8-bit equirect, on one thread; the table build (TBB,
// and one thread); the border fill. Run: build/prep360_microbench --benchmark_filter=Remap
#include <benchmark/benchmark.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

#include "prep360/reproject/remap_dispatch.h"
#include "prep360/reproject/remap_table.h"

namespace prep360 {
namespace {

constexpr int kEqW = 7680, kEqH = 3840;

View W1View() {
  View v;
  v.name = "w1";
  v.yaw_deg = 45;
  v.hfov_deg = 90;
  v.width = 1920;
  v.height = 1080;
  return v;
}

// Photo-like enough for timing (the kernels do not depend on content): smooth gradients plus noise.
const Image& Source(int channels) {
  static std::unique_ptr<Image> images[5];
  auto& img = images[channels];
  if (!img) {
    img = std::make_unique<Image>(kEqW, kEqH, channels, 1, kEquirectBorder);
    std::uint32_t state = 12345;
    for (int y = 0; y < kEqH; ++y) {
      std::uint8_t* row = img->Row(y);
      for (int x = 0; x < kEqW * channels; ++x) {
        state = state * 1664525u + 1013904223u;
        row[x] = static_cast<std::uint8_t>((x / 7 + y / 5 + (state >> 28)) & 0xFF);
      }
    }
    FillEquirectBorder(*img);
  }
  return *img;
}

const RemapTable& Table(Interpolation interp) {
  static std::unique_ptr<RemapTable> tables[4];
  auto& t = tables[static_cast<int>(interp)];
  if (!t) t = std::make_unique<RemapTable>(W1View().Camera(), W1View().PanoFromCam(), kEqW, kEqH, interp);
  return *t;
}

void RunRemap(benchmark::State& state, remap_internal::SimdLevel level) {
  const auto interp = static_cast<Interpolation>(state.range(0));
  const int channels = static_cast<int>(state.range(1));
  const Image& src = Source(channels);
  const RemapTable& table = Table(interp);
  Image out(table.width(), table.height(), channels, 1);
  for (auto _ : state) {
    remap_internal::RemapRows(src, table, out, 0, table.height(), level);
    benchmark::DoNotOptimize(out.Row(0));
    benchmark::ClobberMemory();
  }
  static const char* const kLevels[] = {"portable", "ssse3", "avx2"};
  const auto used = std::min(level, remap_internal::CpuSimdLevel());
  state.SetLabel(std::string(InterpolationName(interp)) + " " + kLevels[static_cast<int>(used)]);
  state.SetItemsProcessed(state.iterations() * table.width() * table.height());
  state.counters["table_B_per_px"] =
      static_cast<double>(table.MemoryBytes()) / (static_cast<double>(table.width()) * table.height());
}

void BM_RemapW1(benchmark::State& state) { RunRemap(state, remap_internal::SimdLevel::kAvx2); }
void BM_RemapW1Ssse3(benchmark::State& state) { RunRemap(state, remap_internal::SimdLevel::kSsse3); }
void BM_RemapW1Portable(benchmark::State& state) { RunRemap(state, remap_internal::SimdLevel::kNone); }

void RemapArgs(benchmark::internal::Benchmark* b) {
  for (int interp = 0; interp < 4; ++interp) b->Args({interp, 3});
  b->Args({static_cast<int>(Interpolation::kBilinear), 4});
  b->Unit(benchmark::kMillisecond);
}
BENCHMARK(BM_RemapW1)->Apply(RemapArgs);
BENCHMARK(BM_RemapW1Ssse3)->Apply(RemapArgs);
BENCHMARK(BM_RemapW1Portable)->Apply(RemapArgs);

// Bilinear W1 view split into row blocks over TBB (2 threads on the target box).
void BM_RemapW1Parallel(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const Image& src = Source(3);
  const RemapTable& table = Table(Interpolation::kBilinear);
  Image out(table.width(), table.height(), 3, 1);
  for (auto _ : state) {
    tbb::parallel_for(
        tbb::blocked_range<int>(0, table.height(), 32),
        [&](const tbb::blocked_range<int>& rows) { Remap(src, table, out, rows.begin(), rows.end()); });
    benchmark::ClobberMemory();
  }
  state.SetLabel("bilinear, " + std::to_string(threads) + " thread(s)");
  state.SetItemsProcessed(state.iterations() * table.width() * table.height());
}
BENCHMARK(BM_RemapW1Parallel)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RemapTableBuild(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  for (auto _ : state) {
    RemapTable table(W1View().Camera(), W1View().PanoFromCam(), kEqW, kEqH, Interpolation::kBilinear);
    benchmark::DoNotOptimize(table.entries().data());
  }
  state.SetLabel(std::to_string(threads) + " thread(s)");
  state.SetItemsProcessed(state.iterations() * 1920 * 1080);
}
BENCHMARK(BM_RemapTableBuild)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RemapFillBorder(benchmark::State& state) {
  Image img(kEqW, kEqH, 3, 1, kEquirectBorder);
  img.Fill(0);
  for (auto _ : state) FillEquirectBorder(img);
}
BENCHMARK(BM_RemapFillBorder)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace prep360
