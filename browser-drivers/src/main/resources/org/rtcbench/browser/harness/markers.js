// rtcbench frame markers in the page: the marked camera (the same pictures as every other peer,
// stamped as each frame leaves) and the reader of every received video track. The layout and the
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

  // A canvas camera: picture n, then its stamp, then the frame goes out (requestFrame), at the asked rate.
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
      draw(ctx, w, marker, n % FRAMES, ((Math.round(now()) % CLOCK) + CLOCK) % CLOCK);
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
    const onFrame = (_, meta) => {
      if (entry.stopped) { return; }
      const w = meta.width;
      const h = meta.height;
      const t = now();
      const rows = Math.min(h, Math.ceil((w / 40) * (ROWS + 1)) + 1);
      if (band.width !== w || band.height !== rows) { band.width = w; band.height = rows; }
      bandCtx.drawImage(v, 0, 0, w, rows, 0, 0, w, rows);
      const stamp = decode(bandCtx.getImageData(0, 0, w, rows).data, w, h);
      if (entry.frames.length > 20000) { entry.frames.splice(0, 10000); } // nobody asking: bounded memory
      if (stamp === null) {
        entry.frames.push([null, t, w, h]);
      } else {
        entry.frames.push([stamp[0], stamp[1], stamp[2], t, w, h]);
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

  window.rtcbenchMarkers = { camera: camera, reader: reader, draw: draw, decode: decode };
})();
