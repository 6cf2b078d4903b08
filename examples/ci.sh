#!/usr/bin/env sh
# Any CI: check every scenario's budget, keep a JUnit report for the CI's test view,
# and fail the job when a budget is breached (exit 1) or a scenario is broken (exit 2).
set -u
npx infercost check scenarios/ --format junit --output infercost-junit.xml
status=$?
npx infercost check scenarios/
exit "$status"
