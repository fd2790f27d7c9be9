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

  // [sender, frame, clock] from RGBA pixels of the frame's top rows (at least 3 units), or null.
  function decode(px, width, height) {
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
          const o = 4 * (y * width + x);
          sum += 0.299 * px[o] + 0.587 * px[o + 1] + 0.114 * px[o + 2];
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

  function base64(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(s);
  }

  // Reads the marker of every frame the element renders; the readings wait in `entry` for stats().
  function reader(v, entry, now) {
    const band = document.createElement('canvas');
    const bandCtx = band.getContext('2d', { willReadFrequently: true });
    const full = document.createElement('canvas');
    const fullCtx = full.getContext('2d', { willReadFrequently: true });
    let nextLumaMs = 0;
    let lastPresented = null;
    const onFrame = (_, meta) => {
      if (entry.stopped) { return; }
      const w = meta.width;
      const h = meta.height;
      const t = now();
      // frames the element presented since the last callback: a busy page misses some, which were still shown
      const presented = lastPresented === null || !meta.presentedFrames ? 1 : Math.max(1, meta.presentedFrames - lastPresented);
      lastPresented = meta.presentedFrames || null;
      const rows = Math.min(h, Math.ceil((w / 40) * (ROWS + 1)) + 1);
      if (band.width !== w || band.height !== rows) { band.width = w; band.height = rows; }
      bandCtx.drawImage(v, 0, 0, w, rows, 0, 0, w, rows);
      const stamp = decode(bandCtx.getImageData(0, 0, w, rows).data, w, h);
      if (entry.frames.length > 20000) { entry.frames.splice(0, 10000); } // nobody asking: bounded memory
      if (stamp === null) {
        entry.frames.push([null, t, w, h, presented]);
      } else {
        entry.frames.push([stamp[0], stamp[1], stamp[2], t, w, h, presented]);
        if (t >= nextLumaMs) {
          nextLumaMs = t + LUMA_EVERY_MS;
          if (full.width !== w || full.height !== h) { full.width = w; full.height = h; }
          fullCtx.drawImage(v, 0, 0, w, h);
          const px = fullCtx.getImageData(0, 0, w, h).data;
          const y = new Uint8Array(w * h);
          for (let i = 0; i < y.length; i++) {
            // back to the video range the sender's picture is in
            y[i] = Math.round(16 + (0.299 * px[4 * i] + 0.587 * px[4 * i + 1] + 0.114 * px[4 * i + 2]) * 219 / 255);
          }
          entry.lumas.push({ stamp: stamp, receivedMs: t, width: w, height: h, y: base64(y) });
          if (entry.lumas.length > MAX_QUEUED_LUMAS) { entry.lumas.shift(); }
        }
      }
      v.requestVideoFrameCallback(onFrame);
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
  const LISTENER = `
    const THRESHOLD = 0.35;        // AudioMarker.THRESHOLD
    const HYSTERESIS = THRESHOLD / 2;
    const END_GAP_S = 0.005;       // ReceivedAudio.BURST_END_GAP_MS
    class Listener extends AudioWorkletProcessor {
      constructor() { super(); this.onset = -1; this.lastLoud = 0; this.crossings = 0; this.first = 0; this.last = 0; this.armed = false; }
      process(inputs) {
        const x = inputs[0] && inputs[0][0];
        if (!x) { return true; }
        for (let i = 0; i < x.length; i++) {
          const f = currentFrame + i;
          const s = x[i];
          if (Math.abs(s) > THRESHOLD) {
            if (this.onset < 0) { this.onset = f; this.crossings = 0; }
            this.lastLoud = f;
          } else if (this.onset >= 0 && f - this.lastLoud > END_GAP_S * sampleRate) {
            const hz = this.crossings < 2 ? 0 : (this.crossings - 1) * sampleRate / (this.last - this.first);
            this.port.postMessage([this.onset / sampleRate, (this.lastLoud - this.onset) / sampleRate, hz]);
            this.onset = -1;
          }
          if (s < -HYSTERESIS) {
            this.armed = true;
          } else if (s > HYSTERESIS && this.armed) {
            this.armed = false;
            if (this.onset >= 0) { if (this.crossings++ === 0) { this.first = f; } this.last = f; }
          }
        }
        return true;
      }
    }
    registerProcessor('rtcbench-audio-listener', Listener);`;

  let audio = null; // one AudioContext for the page's microphone and every listener

  async function audioContext() {
    if (audio === null) {
      audio = (async () => {
        const ctx = new AudioContext({ sampleRate: 48000 });
        await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([LISTENER], { type: 'application/javascript' })));
        await ctx.resume(); // no user gesture needed: Chromium's autoplay flag, Firefox's mock cubeb context
        // listeners are pulled only on the way to the destination: through a silent gain
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
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    const node = new AudioWorkletNode(ctx, 'rtcbench-audio-listener', { channelCount: 1, channelCountMode: 'explicit' });
    node.port.onmessage = (e) => {
      if (entry.stopped) { return; }
      const [onsetS, lengthS, hz] = e.data;
      // the context's clock now against rtcbench's: the message's own delay cancels out
      const onsetMs = now() - (ctx.currentTime - onsetS) * 1000;
      if (entry.bursts.length > 1000) { entry.bursts.splice(0, 500); } // nobody asking: bounded memory
      entry.bursts.push([onsetMs, lengthS * 1000, hz]);
    };
    source.connect(node).connect(sink);
    entry.stop = () => { source.disconnect(); node.disconnect(); };
  }

  window.rtcbenchMarkers = { camera: camera, reader: reader, draw: draw, decode: decode, microphone: microphone, listener: listener };
})();
