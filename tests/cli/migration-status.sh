#!/bin/bash
# migration-status.sh

spectryn -m migrations/postgres-to-crdb.md -e INFRA-100 --output json | jq '
{
  epic: .epic_key,
  phases: [
    {name: "Preparation", complete: (.stories | map(select(.phase == "Preparation" and .status == "done")) | length), total: (.stories | map(select(.phase == "Preparation")) | length)},
    {name: "Development", complete: (.stories | map(select(.phase == "Development" and .status == "done")) | length), total: (.stories | map(select(.phase == "Development")) | length)},
    {name: "Testing", complete: (.stories | map(select(.phase == "Testing" and .status == "done")) | length), total: (.stories | map(select(.phase == "Testing")) | length)},
    {name: "Migration", complete: (.stories | map(select(.phase == "Migration" and .status == "done")) | length), total: (.stories | map(select(.phase == "Migration")) | length)}
  ],
  overall: {
    complete: (.stories | map(select(.status == "done")) | length),
    total: (.stories | length)
  }
}
'
