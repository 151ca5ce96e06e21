// autocannon's worker loads this to set each request's path: one of the paths the benchmark
// wrote to the file named by GONGKAI_BENCH_PATHS, the first most often (Zipf, s = 1), as
// readers' queries are: a few asked all the time, a long tail asked once.
const { readFileSync } = require('node:fs');

const paths = JSON.parse(readFileSync(process.env.GONGKAI_BENCH_PATHS, 'utf8'));
const cumulative = [];
let sum = 0;
for (let rank = 1; rank <= paths.length; rank++) {
  sum += 1 / rank;
  cumulative.push(sum);
}

const pick = () => {
  const r = Math.random() * sum;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return paths[lo];
};

module.exports = (request) => ({ ...request, path: pick() });
