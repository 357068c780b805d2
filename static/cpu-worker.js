// cpu-worker.js: the Web Worker of section 44.5's "worker" mode. It receives a number of real
// milliseconds, keeps a CPU core busy for that long off the page's main thread (so the page's event
// loop stays free), then posts back how many loop turns it made.
self.onmessage = (event) => {
  const end = performance.now() + Number(event.data);
  let turns = 0;
  while (performance.now() < end) {
    turns += 1;
  }
  self.postMessage(turns);
};
