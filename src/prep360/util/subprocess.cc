#include "prep360/util/subprocess.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prep360/util/error.h"

extern char** environ;

namespace prep360 {
namespace {

// The environment of this process plus `add` (an added NAME replaces an inherited one).
std::vector<std::string> Environment(const std::vector<std::string>& add) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    bool replaced = false;
    for (const std::string& a : add) replaced |= entry.substr(0, entry.find('=') + 1) == a.substr(0, a.find('=') + 1);
    if (!replaced) env.push_back(entry);
  }
  env.insert(env.end(), add.begin(), add.end());
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (std::string& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int ExitCode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Starts argv (a path, or a name looked up on PATH) with stdout, and stderr unless it passes
// through, on the write end of a new pipe; returns the pid and the read end, or pid -1 when it
// could not start.
pid_t Spawn(std::vector<std::string> argv, const std::vector<std::string>& env_add, int* read_fd,
            bool merge_stderr = true) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw Error(argv[0] + ": cannot create a pipe: " + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  if (merge_stderr) posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> env = Environment(env_add);
  std::vector<char*> cargv = CStrings(argv), cenv = CStrings(env);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, cargv.data(), cenv.data());
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    return -1;
  }
  *read_fd = fds[0];
  return pid;
}

}  // namespace

SubprocessResult RunSubprocess(const std::vector<std::string>& argv, const std::vector<std::string>& env_add,
                               const std::string& log_path, const std::function<void(const std::string&)>& on_line,
                               const CancelToken* cancel) {
  std::FILE* log = std::fopen(log_path.c_str(), "ab");
  if (log == nullptr) throw FileError(log_path, std::string("cannot write the log: ") + std::strerror(errno));
  int fd = -1;
  const pid_t pid = Spawn(argv, env_add, &fd);
  SubprocessResult result;
  if (pid < 0) {
    std::fprintf(log, "prep360: cannot start %s\n", argv[0].c_str());
    std::fclose(log);
    result.exit_code = 127;
    return result;
  }
  std::string pending;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, 200);
    if (cancel != nullptr && cancel->cancelled() && !result.cancelled) {
      result.cancelled = true;
      kill(pid, SIGTERM);
    }
    if (ready <= 0) continue;
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    std::fwrite(buf, 1, static_cast<std::size_t>(n), log);
    pending.append(buf, static_cast<std::size_t>(n));
    for (std::size_t nl = pending.find_first_of("\r\n"); nl != std::string::npos; nl = pending.find_first_of("\r\n")) {
      if (on_line && nl > 0) on_line(pending.substr(0, nl));
      pending.erase(0, nl + 1);
    }
  }
  if (on_line && !pending.empty()) on_line(pending);
  close(fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::fclose(log);
  result.exit_code = ExitCode(status);
  return result;
}

std::string CaptureSubprocess(const std::vector<std::string>& argv, const std::vector<std::string>& env_add,
                              int* exit_code, Stderr stderr_mode) {
  int fd = -1;
  const pid_t pid = Spawn(argv, env_add, &fd, stderr_mode == Stderr::kMerge);
  if (pid < 0) {
    *exit_code = 127;
    return "";
  }
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR);) {
    if (n > 0) out.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  *exit_code = ExitCode(status);
  return out;
}

}  // namespace prep360
