#pragma once
// Working without the server: a checkout is a project GeoPackage of the store's layers that also says where it came
// from and what each record was (its version and a fingerprint of its values and place). A sync sends what changed
// since (one transaction, each change checked against the version it was made on) and takes everyone else's (the
// checkout is written anew, atomically). Stopped at any point and run again, it gives what one run gives: a change
// already in the store is recognised and not sent twice.
#include <functional>
#include <string>
#include <vector>

#include "core/layer.hpp"
#include "core/status.hpp"
#include "share/records.hpp"

namespace safetymap::share {

struct CheckoutReport {
  int layers = 0, records = 0;
};

Status checkout(const std::string& db, const std::string& out, CheckoutReport& report);

struct SyncOptions {
  std::string db;  // the store; empty = the one the checkout came from
  enum class Resolve { Ask, Mine, Theirs } resolve = Resolve::Ask;
  // Tests only: called at each point where the sync may be interrupted (0 = connected, then before each change,
  // before the commit, after it, after the checkout is written).
  std::function<void(int point, const char* what)> at;
};

struct SyncReport {
  int sent = 0;                     // changes written to the store
  int unchanged = 0;                // changes the store already had
  std::vector<Conflict> conflicts;  // with Resolve::Ask: nothing was written on either side
  int dropped = 0;                  // with Resolve::Theirs: this computer's changes given up for theirs
  int records = 0;                  // records in the checkout now
};

Status sync(const std::string& path, const SyncOptions& options, SyncReport& report);

// What a record is, for telling whether it changed: its attributes (not the store's own columns) and its place.
std::string fingerprint(const Layer& layer, const Feature& feature);

}  // namespace safetymap::share
