// rtcbench markers in the page: the marked camera (the same pictures as every other peer, stamped
// as each frame leaves) and the reader of every received video track; the marked microphone and the
// listener of every received audio track. The layout and the
// checksum are fake-media's FrameMarker (read its Javadoc first); the pictures come from the
// harness server, rendered by fake-media, so a receiver anywhere can compare a frame with the one sent.
'use strict';

(function () {
  const PICTURES = 64;            // Y4mWriter.PICTURES
  const FRAMES = 1 << 14;         // FrameStamp.MAX_FRAME + 1
  const CLOCK = 1 << 24;          // FrameStamp.CLOCK_MODULUS
  const COLUMNS = 32;
  const ROWS = 2;
  const MIN_CONTRAST = 60;
  const LUMA_EVERY_MS = 1000;
  const MAX_QUEUED_LUMAS = 2;     // if nobody asks for a while, keep the newest only

  function crc16(bytes) {
    let crc = 0xFFFF;
    for (const b of bytes) {
      crc ^= b << 8;
      for (let i = 0; i < 8; i++) {
        crc = (crc & 0x8000) ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
      }
    }
    return crc;
  }

  // 24 bits of sender and frame, 24 of clock, 16 of checksum: 64 booleans, most significant first.
  function bits(sender, frame, clock) {
    const hi = sender * FRAMES + frame;
    const crc = crc16([hi >> 16, (hi >> 8) & 255, hi & 255, clock >> 16, (clock >> 8) & 255, clock & 255]);
    const out = [];
    for (let i = 23; i >= 0; i--) { out.push(((hi >> i) & 1) === 1); }
    for (let i = 23; i >= 0; i--) { out.push(((clock >> i) & 1) === 1); }
    for (let i = 15; i >= 0; i--) { out.push(((crc >> i) & 1) === 1); }
    return out;
  }

  function draw(ctx, width, sender, frame, clock) {
    const u = width / 40;
    const b = bits(sender, frame, clock);
    for (let i = 0; i < b.length; i++) {
      const column = i % COLUMNS;
      const row = Math.floor(i / COLUMNS);
      const x0 = Math.round(u * (1 + column));
      const y0 = Math.round(u * (1 + row));
      // full-range white and black become Y 235 and 16 in the encoder's video-range I420
      ctx.fillStyle = b[i] ? '#ffffff' : '#000000';
      ctx.fillRect(x0, y0, Math.round(u * (2 + column)) - x0, Math.round(u * (2 + row)) - y0);
    }
  }

  // The luma of the pixel at `o`: `step` 1 is a luma plane's byte; 4 is RGBA, or BGRA when `bgr`.
  function lumaAt(px, o, step, bgr) {
    if (step === 1) { return px[o]; }
    return bgr ? 0.114 * px[o] + 0.587 * px[o + 1] + 0.299 * px[o + 2] : 0.299 * px[o] + 0.587 * px[o + 1] + 0.114 * px[o + 2];
  }

  // [sender, frame, clock] from the frame's top rows (at least 3 units), or null: pixels `step` bytes apart
  // (see lumaAt), rows `stride` bytes apart.
  function decode(px, width, height, step, stride, bgr) {
    const u = width / 40;
    if (width < 40 || height < Math.ceil(u * (ROWS + 1))) { return null; }
    const means = [];
    let darkest = Infinity;
    let brightest = -1;
    for (let i = 0; i < COLUMNS * ROWS; i++) {
      const column = i % COLUMNS;
      const row = Math.floor(i / COLUMNS);
      const x0 = Math.round(u * (1.25 + column));
      const x1 = Math.max(x0 + 1, Math.round(u * (1.75 + column)));
      const y0 = Math.round(u * (1.25 + row));
      const y1 = Math.max(y0 + 1, Math.round(u * (1.75 + row)));
      let sum = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const o = y * stride + step * x;
          sum += lumaAt(px, o, step, bgr);
        }
      }
      const mean = sum / ((x1 - x0) * (y1 - y0));
      means.push(mean);
      darkest = Math.min(darkest, mean);
      brightest = Math.max(brightest, mean);
    }
    if (brightest - darkest < MIN_CONTRAST) { return null; }
    const threshold = (darkest + brightest) / 2;
    let hi = 0;
    let clock = 0;
    let crc = 0;
    for (let i = 0; i < 64; i++) {
      const one = means[i] > threshold ? 1 : 0;
      if (i < 24) { hi = hi * 2 + one; } else if (i < 48) { clock = clock * 2 + one; } else { crc = crc * 2 + one; }
    }
    if (crc16([hi >> 16, (hi >> 8) & 255, hi & 255, clock >> 16, (clock >> 8) & 255, clock & 255]) !== crc) { return null; }
    return [Math.floor(hi / FRAMES), hi % FRAMES, clock];
  }

  // A canvas camera: picture n, then its stamp (unless marker is null), then the frame goes out
  // (requestFrame), at the asked rate.
  async function camera(video, marker, now) {
    const w = video.width;
    const h = video.height;
    // One at a time: 64 at once (20 MB in flight at 320x240) failed once in a suite run with "Failed to
    // fetch" in Chromium on a busy host (likely its limit on the bytes of a renderer's outstanding requests).
    const pictures = [];
    for (let i = 0; i < PICTURES; i++) {
      const r = await fetch('/pictures/' + w + 'x' + h + '/' + i);
      if (!r.ok) { throw new Error('the marked camera has no ' + w + 'x' + h + ' picture: HTTP ' + r.status); }
      pictures.push(new ImageData(new Uint8ClampedArray(await r.arrayBuffer()), w, h));
    }
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    const stream = canvas.captureStream(0);
    const track = stream.getVideoTracks()[0];
    // the W3C puts requestFrame on the track; Firefox has it on the stream
    const requestFrame = typeof track.requestFrame === 'function' ? () => track.requestFrame() : () => stream.requestFrame();
    const period = 1000 / video.fps;
    const start = performance.now();
    let n = 0;
    let timer = null;
    const tick = () => {
      if (track.readyState === 'ended') { return; }
      ctx.putImageData(pictures[n % PICTURES], 0, 0);
      if (marker !== null) { draw(ctx, w, marker, n % FRAMES, ((Math.round(now()) % CLOCK) + CLOCK) % CLOCK); }
      requestFrame();
      n++;
      // on the schedule, not a drifting interval: a late frame does not delay the next
      timer = setTimeout(tick, Math.max(0, start + n * period - performance.now()));
    };
    tick();
    return { track: track, canvas: canvas, stop: () => { clearTimeout(timer); track.stop(); } };
  }

  // The browser's own encoder where it has one (Chromium 140, Firefox 133): in a Chromium peer the script's
  // loop took 1.1-1.3 ms a second for a 320x240 luma (instrumented bench call).
  function base64(bytes) {
    if (typeof bytes.toBase64 === 'function') { return bytes.toBase64(); }
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(s);
  }

  // WebCodecs' VideoFrame of a <video>'s current frame: its planes read as they are, no canvas.
  const FRAME_COPY = typeof VideoFrame === 'function' && typeof VideoFrame.prototype.copyTo === 'function';
  const PLANAR = /^(I420|I420A|I422|I444|NV12)/;  // formats whose first plane is luma (video range)
  const PACKED = /^(RGB|BGR)[AX]$/;                 // Firefox hands decoded WebRTC frames over as BGRA
  // frames straight from a track, no rendering needed (Chromium; the W3C puts it in workers only)
  const PROCESSOR = FRAME_COPY && typeof MediaStreamTrackProcessor === 'function';
  // Where frames come from the element (requestVideoFrameCallback), one in this many is read: each read
  // makes Firefox copy the frame out of its decoder process (measured per thread at 320x240@15: reading
  // every frame cost a Firefox peer 0.022 cores, 15 % of it; one in three about 0.009). The frames between
  // are counted from presentedFrames, so fps, skipped frames and freezes stay whole; the delay is sampled.
  const READ_EVERY = 3;
  const READ_AFTER_WAIT_MS = 100; // a frame after a longer wait is read, whatever its turn

  // The top `rows` rows of a frame (all of it when rows is its height) as [pixels, bytes a pixel, bytes a
  // row, bgr] for lumaAt: copied as they are from a planar YUV frame's luma plane or a packed RGB frame, else
  // drawn through `ctx`. The frame is closed.
  async function framePixels(frame, rows, ctx) {
    try {
      const r = frame.visibleRect;
      const format = frame.format || '';
      const planar = PLANAR.test(format);
      if ((planar && r.width % 2 === 0 && rows % 2 === 0 && r.x % 2 === 0 && r.y % 2 === 0) || PACKED.test(format)) {
        const rect = { x: r.x, y: r.y, width: r.width, height: rows };
        const buf = new Uint8Array(frame.allocationSize({ rect: rect }));
        const planes = await frame.copyTo(buf, { rect: rect });
        return [buf.subarray(planes[0].offset, planes[0].offset + planes[0].stride * rows), planar ? 1 : 4, planes[0].stride,
          format.startsWith('BGR')];
      }
      if (ctx.canvas.width !== r.width || ctx.canvas.height !== rows) { ctx.canvas.width = r.width; ctx.canvas.height = rows; }
      ctx.drawImage(frame, 0, 0, r.width, rows, 0, 0, r.width, rows);
      return [ctx.getImageData(0, 0, r.width, rows).data, 4, 4 * r.width, false];
    } finally {
      frame.close();
    }
  }

  // Reads the markers of the frames `track` (shown by the element `v`) brings; the readings wait in `entry` for
  // stats(). Where there is a MediaStreamTrackProcessor (Chromium), every frame comes from it as the decoder hands
  // them to the track's sinks: a requestVideoFrameCallback would make the page run a rendering update for every
  // frame (measured: that alone cost a Chromium peer about 0.01 cores at 320x240@15, more than all the reading).
  // Elsewhere requestVideoFrameCallback gives the element's frames, one in READ_EVERY read as WebCodecs' VideoFrame
  // (exactly the frame the callback was for, planes as they are) or, without it, through a canvas. Readings go out in order;
  // a reader that stops tells `failed` why.
  function reader(v, track, entry, now, failed) {
    const band = document.createElement('canvas');
    const bandCtx = band.getContext('2d', { willReadFrequently: true });
    const full = document.createElement('canvas');
    const fullCtx = full.getContext('2d', { willReadFrequently: true });
    let nextLumaMs = 0;
    const record = (stamp, t, w, h, presented, luma, previousShown) => {
      if (entry.stopped) { return; }
      if (entry.frames.length > 20000) { entry.frames.splice(0, 10000); } // nobody asking: bounded memory
      if (stamp === null) {
        entry.frames.push([null, t, w, h, presented]);
        return;
      }
      entry.frames.push([stamp[0], stamp[1], stamp[2], t, w, h, presented, previousShown]);
      if (luma) {
        // the plane goes to rtcbench through the harness server (HarnessServer's /lumas says why), here only its token;
        // where that fails, as base64 in the readings
        const l = { stamp: stamp, receivedMs: t, width: w, height: h };
        const queue = () => {
          if (entry.stopped) { return; }
          entry.lumas.push(l);
          if (entry.lumas.length > MAX_QUEUED_LUMAS) { entry.lumas.shift(); }
        };
        fetch('/lumas', { method: 'POST', body: luma })
          .then((r) => (r.ok ? r.text() : Promise.reject(new Error('HTTP ' + r.status))))
          .then((token) => { l.token = token; }, () => { l.y = base64(luma); })
          .then(queue);
      }
    };
    // video-range luma of w x h pixels, as framePixels gives them
    const lumaOf = ([px, step, stride, bgr], w, h) => {
      const y = new Uint8Array(w * h);
      if (step === 1) { // a luma plane: its rows as they are
        for (let row = 0; row < h; row++) { y.set(px.subarray(row * stride, row * stride + w), row * w); }
        return y;
      }
      for (let row = 0; row < h; row++) {
        for (let x = 0; x < w; x++) {
          const l = lumaAt(px, row * stride + step * x, step, bgr);
          // RGB back to the video range the sender's picture is in
          y[row * w + x] = Math.round(16 + l * 219 / 255);
        }
      }
      return y;
    };
    // The marker of a VideoFrame received at t (and, a second apart, its luma); the frame is closed.
    const read = async (frame, t, presented, previousShown) => {
      const w = frame.visibleRect.width;
      const h = frame.visibleRect.height;
      const rows = Math.min(h, 2 * Math.ceil((Math.ceil((w / 40) * (ROWS + 1)) + 1) / 2));
      const whole = t >= nextLumaMs ? frame.clone() : null;
      if (whole !== null) { nextLumaMs = t + LUMA_EVERY_MS; }
      let luma = null;
      let stamp = null;
      try {
        const [px, step, stride, bgr] = await framePixels(frame, rows, bandCtx);
        stamp = decode(px, w, h, step, stride, bgr);
        if (whole !== null && stamp !== null) {
          luma = lumaOf(await framePixels(whole, h, fullCtx), w, h);
        } else if (whole !== null) {
          nextLumaMs = 0; // the next readable frame's luma instead
        }
      } finally {
        if (whole !== null) { whole.close(); } // unclosed frames would hold the decoder's buffers
      }
      record(stamp, t, w, h, presented, luma, previousShown);
    };
    if (PROCESSOR) {
      // a second of slack for a busy page: past that the processor drops the oldest, which count as skipped
      const frames = new MediaStreamTrackProcessor({ track: track, maxBufferSize: 15 }).readable.getReader();
      (async () => {
        for (;;) {
          const { value: frame, done } = await frames.read();
          if (done) { return; }
          if (entry.stopped) { frame.close(); frames.cancel(); return; }
          await read(frame, now(), 1, null);
        }
      })().catch((err) => { if (!entry.stopped) { failed(err); } });
      return;
    }
    let lastPresented = null;
    let copy = FRAME_COPY;
    let queue = Promise.resolve();
    let previousShown = null; // when the callback before this one came, read or not
    let unread = 0;           // callbacks since the last frame read
    const onFrame = (_, meta) => {
      if (entry.stopped) { return; }
      v.requestVideoFrameCallback(onFrame);
      const t = now();
      const before = previousShown;
      previousShown = t;
      // Pixels only every READ_EVERY frames, and always after a wait that may have been a freeze: the
      // receiver then knows when the frame before was shown and measures the freeze exactly.
      if (++unread < READ_EVERY && before !== null && t - before <= READ_AFTER_WAIT_MS && meta.presentedFrames) { return; }
      unread = 0;
      // frames the element presented since the last callback: a busy page misses some, which were still shown
      const presented = lastPresented === null || !meta.presentedFrames ? 1 : Math.max(1, meta.presentedFrames - lastPresented);
      lastPresented = meta.presentedFrames || null;
      let frame = null;
      if (copy) {
        try { frame = new VideoFrame(v); } catch (err) { copy = false; }
      }
      if (frame !== null) {
        queue = queue.then(() => read(frame, t, presented, before))
          .catch(() => { copy = false; }); // (never seen) this frame goes unread, the next ones through the canvas
        return;
      }
      const w = meta.width;
      const h = meta.height;
      const rows = Math.min(h, Math.ceil((w / 40) * (ROWS + 1)) + 1);
      if (band.width !== w || band.height !== rows) { band.width = w; band.height = rows; }
      bandCtx.drawImage(v, 0, 0, w, rows, 0, 0, w, rows);
      const stamp = decode(bandCtx.getImageData(0, 0, w, rows).data, w, h, 4, 4 * w, false);
      let luma = null;
      if (stamp !== null && t >= nextLumaMs) {
        nextLumaMs = t + LUMA_EVERY_MS;
        if (full.width !== w || full.height !== h) { full.width = w; full.height = h; }
        fullCtx.drawImage(v, 0, 0, w, h);
        luma = lumaOf([fullCtx.getImageData(0, 0, w, h).data, 4, 4 * w, false], w, h);
      }
      record(stamp, t, w, h, presented, luma, before);
    };
    v.requestVideoFrameCallback(onFrame);
  }

  // ---- audio: fake-media's AudioMarker (read its Javadoc first). A quiet 440 Hz tone, and at every
  // whole second of rtcbench's clock a 60 ms burst whose pitch (800, 1200, 1600, 2000 Hz) tells the
  // second modulo 4. The listener finds bursts as ReceivedAudio.pcm does: change the three together.
  const TONE_HZ = 440;
  const TONE_GAIN = 0.1;
  const BURST_GAIN = 0.6;
  const BURST_S = 0.06;
  const SCHEDULE_EVERY_MS = 250;
  // Finds the bursts in a track's samples, fed in order, as ReceivedAudio.pcm finds them (loud, then the pitch
  // from zero crossings with hysteresis): change the two together. Each burst goes to found(onset frame, length
  // in frames, Hz). Also runs in an AudioWorklet, from this source text: nothing from outside the class.
  class Bursts {
    constructor(rate, found) {
      this.threshold = 0.35; // AudioMarker.THRESHOLD
      this.hysteresis = this.threshold / 2;
      this.endGap = 0.005 * rate; // ReceivedAudio.BURST_END_GAP_MS
      this.rate = rate;
      this.found = found;
      this.onset = -1;
      this.lastLoud = 0;
      this.crossings = 0;
      this.first = 0;
      this.last = 0;
      this.armed = false;
    }

    // frames from..to-1 of the context, frame f being x[f - offset]
    feed(x, offset, from, to) {
      if (this.onset < 0) {
        // between bursts only a sample past the hysteresis can change anything: most blocks end here
        let quiet = true;
        for (let f = from; f < to && quiet; f++) { quiet = x[f - offset] <= this.hysteresis && x[f - offset] >= -this.hysteresis; }
        if (quiet) { return; }
      }
      for (let f = from; f < to; f++) {
        const s = x[f - offset];
        if (s > this.threshold || s < -this.threshold) {
          if (this.onset < 0) { this.onset = f; this.crossings = 0; }
          this.lastLoud = f;
        } else if (this.onset >= 0 && f - this.lastLoud > this.endGap) {
          this.found(this.onset, this.lastLoud - this.onset, this.crossings < 2 ? 0 : (this.crossings - 1) * this.rate / (this.last - this.first));
          this.onset = -1;
        }
        if (s < -this.hysteresis) {
          this.armed = true;
        } else if (s > this.hysteresis && this.armed) {
          this.armed = false;
          if (this.onset >= 0) { if (this.crossings++ === 0) { this.first = f; } this.last = f; }
        }
      }
    }

    // samples were lost: a burst under way is dropped
    gap() { this.onset = -1; this.armed = false; }
  }

  // How a page hears received tracks. Chromium: an AnalyserNode keeps a track's last WINDOW samples (0.68 s at
  // 48 kHz), read from the page every LISTEN_EVERY_MS, so a read up to 0.43 s late loses none. Firefox: an
  // AudioWorklet looks at every 128 samples as they come. Each was the cheaper in its browser (bench markers,
  // 2026-12-07, the markers' share of a peer's CPU: Chromium +14 % with the worklet, +9 % with the analyser;
  // Firefox +10 % with the worklet, +13 % with the analyser, whose samples Firefox hands to the page's thread
  // 128 at a time).
  const ANALYSER = !/\bFirefox\//.test(navigator.userAgent);
  const WINDOW = 32768;           // AnalyserNode's largest fftSize
  const LISTEN_EVERY_MS = 250;
  const LISTENER = Bursts.toString() + `
    class Listener extends AudioWorkletProcessor {
      constructor() {
        super();
        this.bursts = new Bursts(sampleRate, (onset, length, hz) => this.port.postMessage([onset, length, hz]));
      }
      process(inputs) {
        const x = inputs[0] && inputs[0][0];
        if (x) { this.bursts.feed(x, currentFrame, currentFrame, currentFrame + x.length); }
        return true;
      }
    }
    registerProcessor('rtcbench-audio-listener', Listener);`;

  let audio = null; // one AudioContext for the page's microphone and every listener

  async function audioContext() {
    if (audio === null) {
      audio = (async () => {
        // 48 kHz, Opus's rate (and Firefox's sound server's: PulseAudio.java); at its default rate a Chromium peer's
        // markers cost +13.9 % in a bench round where 48 kHz cost +8.1 % and +9.0 %
        const ctx = new AudioContext({ sampleRate: 48000 });
        if (!ANALYSER) {
          await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([LISTENER], { type: 'application/javascript' })));
        }
        await ctx.resume(); // no user gesture needed: Chromium's autoplay flag, Firefox's autoplay pref
        // listeners (analysers, worklets) are pulled only on the way to the destination: through a silent gain
        const sink = ctx.createGain();
        sink.gain.value = 0;
        sink.connect(ctx.destination);
        return { ctx: ctx, sink: sink };
      })();
    }
    return audio;
  }

  // The microphone: the tone, and (when marked) the bursts scheduled ahead on the context's clock.
  async function microphone(now, marked) {
    const { ctx } = await audioContext();
    const out = ctx.createMediaStreamDestination();
    out.channelCount = 1;
    const tone = ctx.createOscillator();
    tone.frequency.value = TONE_HZ;
    const toneGain = ctx.createGain();
    toneGain.gain.value = TONE_GAIN;
    tone.connect(toneGain).connect(out);
    const burst = ctx.createOscillator();
    const burstGain = ctx.createGain();
    burstGain.gain.value = 0;
    burst.connect(burstGain).connect(out);
    tone.start();
    burst.start();
    let scheduled = -Infinity; // the last second (ms, rtcbench's clock) whose burst is scheduled
    const schedule = () => {
      const t = now();
      const ct = ctx.currentTime;
      for (let second = Math.max(scheduled + 1000, Math.ceil((t + 20) / 1000) * 1000); second < t + 1500; second += 1000) {
        const at = ct + (second - t) / 1000;
        burst.frequency.setValueAtTime(800 + 400 * ((((second / 1000) % 4) + 4) % 4), at);
        burstGain.gain.setValueAtTime(BURST_GAIN, at);
        burstGain.gain.setValueAtTime(0, at + BURST_S);
        scheduled = second;
      }
    };
    let timer = null;
    if (marked) {
      schedule();
      timer = setInterval(schedule, SCHEDULE_EVERY_MS);
    }
    const track = out.stream.getAudioTracks()[0];
    return { track: track, stop: () => { clearInterval(timer); tone.stop(); burst.stop(); track.stop(); } };
  }

  // Listens to a received audio track; each burst heard waits in `entry.bursts` for stats().
  async function listener(track, entry, now) {
    const { ctx, sink } = await audioContext();
    const rate = ctx.sampleRate;
    // a burst found at context frame `onset` when the context was at frame `frame` and rtcbench's clock at `at`
    const heard = (onset, length, hz, frame, at) => {
      if (entry.stopped) { return; }
      if (entry.bursts.length > 1000) { entry.bursts.splice(0, 500); } // nobody asking: bounded memory
      entry.bursts.push([at - (frame - onset) * 1000 / rate, length * 1000 / rate, hz]);
    };
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    if (!ANALYSER) {
      const node = new AudioWorkletNode(ctx, 'rtcbench-audio-listener', { channelCount: 1, channelCountMode: 'explicit' });
      // the context's clock now against rtcbench's: the message's own delay cancels out
      node.port.onmessage = (e) => heard(e.data[0], e.data[1], e.data[2], ctx.currentTime * rate, now());
      source.connect(node).connect(sink);
      entry.stop = () => { source.disconnect(); node.disconnect(); };
      return;
    }
    const analyser = ctx.createAnalyser();
    analyser.fftSize = WINDOW;
    analyser.channelCount = 1;
    analyser.channelCountMode = 'explicit';
    const x = new Float32Array(WINDOW);
    let end = 0;
    let at = 0;
    const bursts = new Bursts(rate, (onset, length, hz) => heard(onset, length, hz, end, at));
    let next = 0; // the first context frame not looked at yet
    const listen = () => {
      if (entry.stopped) { return; }
      // the samples end at the context's frame now: only when the render thread did not move on meanwhile
      end = -1;
      for (let attempt = 0; attempt < 3 && end < 0; attempt++) {
        const before = ctx.currentTime;
        at = now();
        analyser.getFloatTimeDomainData(x);
        if (ctx.currentTime === before) { end = Math.round(before * rate); }
      }
      if (end < 0) { return; } // the next read has them
      if (next < end - WINDOW) { next = end - WINDOW; bursts.gap(); } // (a page stalled that long) a gap
      bursts.feed(x, end - WINDOW, next, end);
      next = end;
    };
    const timer = setInterval(listen, LISTEN_EVERY_MS);
    source.connect(analyser).connect(sink);
    entry.stop = () => { clearInterval(timer); source.disconnect(); analyser.disconnect(); };
  }

  window.rtcbenchMarkers = { camera: camera, reader: reader, draw: draw, decode: decode, microphone: microphone, listener: listener };
})();
