// rtcbench harness: a remote-controlled RTCPeerConnection. Java calls window.rtcbench through
// WebDriver; every call returns a Promise. Signaling is done by Java, never by this page.
'use strict';

(function () {
  const ICE_GATHERING_TIMEOUT_MS = 10000;
  const RELAY_SETTLE_MS = 1000;
  const ECHO_INTERVAL_MS = 1000;

  const state = {
    stream: null,        // the local fake camera + microphone
    role: 'sendrecv',
    datachannel: true,
    pcs: new Map(),      // connection id -> RTCPeerConnection
    channels: new Map(), // connection id -> {dc, seq, pending, echoes, rttMs, timer}
    errors: [],
    ice: { iceServers: [] }, // set by setIce(): TURN servers and the transport policy, for every connection
    marked: false,       // media.source marked: send the marked camera, read the markers of what arrives
    markedAudio: false,  // marked, and Web Audio keeps real time here: the marked microphone, and listeners
    marker: 0,           // this peer's sender id in its markers
    clockOffsetMs: 0,    // how far rtcbench's clock is ahead of Date.now(): markers are on rtcbench's clock
    camera: null,        // the marked camera, while it runs
    microphone: null,    // the marked microphone, while it runs
    readings: new Map(), // connection id -> track id -> {frames, lumas} or {bursts}: markers read, until stats() takes them
  };

  function now() { return Date.now() + state.clockOffsetMs; }

  function status(text) {
    document.getElementById('status').textContent = 'rtcbench harness: ' + text;
  }

  function sends() { return state.role !== 'recvonly'; }
  function receives() { return state.role !== 'sendonly'; }

  async function startMedia(spec) {
    state.role = spec.role || 'sendrecv';
    state.datachannel = spec.datachannel !== false;
    state.marked = spec.source === 'marked';
    const synthetic = state.marked || spec.source === 'unmarked'; // rtcbench's pictures and tone
    state.marker = spec.marker || 0;
    state.clockOffsetMs = spec.clockOffsetMs || 0;
    // Web Audio only where it keeps real time (spec.webAudio, see BrowserPeer): the synthetic microphone, and listeners
    const syntheticAudio = synthetic && spec.audio && spec.webAudio === true;
    state.markedAudio = state.marked && syntheticAudio;
    if (!sends()) {
      return { audioTracks: 0, videoTracks: 0 };
    }
    const syntheticVideo = synthetic && spec.video;
    const constraints = {
      video: spec.video && !syntheticVideo ? { width: { ideal: spec.video.width }, height: { ideal: spec.video.height },
                                               frameRate: { ideal: spec.video.fps } } : false,
      // Audio processing would remove most of a steady test tone.
      audio: spec.audio && !syntheticAudio ? { echoCancellation: false, noiseSuppression: false, autoGainControl: false } : false,
    };
    const tracks = [];
    if (constraints.video || constraints.audio) {
      tracks.push(...(await navigator.mediaDevices.getUserMedia(constraints)).getTracks());
    }
    if (syntheticAudio) {
      state.microphone = await window.rtcbenchMarkers.microphone(now, state.marked);
      tracks.push(state.microphone.track);
    }
    if (syntheticVideo) {
      state.camera = await window.rtcbenchMarkers.camera(spec.video, state.marked ? state.marker : null, now);
      tracks.push(state.camera.track);
    }
    state.stream = new MediaStream(tracks);
    const v = document.createElement('video');
    v.muted = true; v.autoplay = true; v.playsInline = true; v.srcObject = state.stream;
    document.getElementById('local').appendChild(v);
    status('media started');
    return { audioTracks: state.stream.getAudioTracks().length, videoTracks: state.stream.getVideoTracks().length };
  }

  function newPeerConnection(id) {
    if (state.pcs.has(id)) {
      throw new Error('connection ' + id + ' already exists');
    }
    // No ICE servers unless setIce() gave some: then every candidate is a host candidate of this machine.
    const pc = new RTCPeerConnection(Object.assign({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' }, state.ice));
    state.pcs.set(id, pc);
    pc.ontrack = (e) => {
      // A sink makes the browser decode and render what it receives, as a real app would.
      if (e.track.kind === 'video') {
        const v = document.createElement('video');
        v.muted = true; v.autoplay = true; v.playsInline = true;
        v.srcObject = new MediaStream([e.track]);
        document.getElementById('remote').appendChild(v);
        v.play().catch(() => {});
        if (state.marked) {
          if (!state.readings.has(id)) { state.readings.set(id, new Map()); }
          const entry = { frames: [], lumas: [], stopped: false };
          state.readings.get(id).set(e.track.id, entry);
          window.rtcbenchMarkers.reader(v, e.track, entry, now, (err) => state.errors.push('marker reader: ' + err));
        }
      } else {
        const a = new Audio();
        a.muted = true;
        a.srcObject = new MediaStream([e.track]);
        a.play().catch(() => {});
        if (state.markedAudio) {
          if (!state.readings.has(id)) { state.readings.set(id, new Map()); }
          const entry = { bursts: [], stopped: false, stop: null };
          state.readings.get(id).set(e.track.id, entry);
          window.rtcbenchMarkers.listener(e.track, entry, now).catch((err) => state.errors.push('audio listener: ' + err));
        }
      }
    };
    pc.ondatachannel = (e) => attachChannel(id, e.channel);
    pc.onconnectionstatechange = () => status(id + ' ' + pc.connectionState);
    return pc;
  }

  function addReceiveOnlyTransceivers(pc) {
    if (sends() || !receives()) {
      return;
    }
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.addTransceiver('video', { direction: 'recvonly' });
  }

  // Both ends ping once a second and echo each other's pings, so either side measures the round trip.
  function attachChannel(id, dc) {
    const ch = { dc: dc, seq: 0, pending: new Map(), echoes: 0, rttMs: null, timer: null };
    state.channels.set(id, ch);
    dc.onmessage = (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      if (msg.type === 'ping') {
        dc.send(JSON.stringify({ type: 'pong', seq: msg.seq }));
      } else if (msg.type === 'pong' && ch.pending.has(msg.seq)) {
        ch.rttMs = performance.now() - ch.pending.get(msg.seq);
        ch.pending.delete(msg.seq);
        ch.echoes++;
      }
    };
    const ping = () => {
      if (dc.readyState !== 'open') { return; }
      const seq = ++ch.seq;
      ch.pending.set(seq, performance.now());
      if (ch.pending.size > 100) { ch.pending.delete(ch.pending.keys().next().value); }
      dc.send(JSON.stringify({ type: 'ping', seq: seq }));
    };
    // An answerer's channel may already be open when it arrives, and may still fire 'open': start once.
    dc.onopen = () => {
      if (ch.timer === null) { ping(); ch.timer = setInterval(ping, ECHO_INTERVAL_MS); }
    };
    dc.onclose = () => { if (ch.timer) { clearInterval(ch.timer); } };
    if (dc.readyState === 'open') { dc.onopen(); }
  }

  // Non-trickle: the offer or answer leaves once gathering is complete. With TURN servers, a socket
  // that cannot reach them (bound to loopback, say) retries its allocation for up to ~40 s before
  // gathering completes; so once a relay candidate is in hand and no candidate has come for
  // RELAY_SETTLE_MS, that is enough.
  function gathered(pc) {
    if (pc.iceGatheringState === 'complete') {
      return Promise.resolve();
    }
    const withTurn = (state.ice.iceServers || []).length > 0;
    return new Promise((resolve, reject) => {
      let settle = null;
      const done = () => { clearTimeout(timer); clearTimeout(settle); resolve(); };
      const timer = setTimeout(() => reject(new Error('ICE gathering did not complete within '
          + ICE_GATHERING_TIMEOUT_MS + ' ms' + (withTurn ? ' and no TURN relay candidate came' : ''))), ICE_GATHERING_TIMEOUT_MS);
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') { done(); }
      });
      let relay = false;
      pc.addEventListener('icecandidate', (e) => {
        if (!withTurn || !e.candidate) { return; }
        relay = relay || / typ relay /.test(e.candidate.candidate);
        if (relay) {
          clearTimeout(settle);
          settle = setTimeout(done, RELAY_SETTLE_MS);
        }
      });
    });
  }

  function pcOf(id) {
    const pc = state.pcs.get(id);
    if (!pc) { throw new Error('no connection ' + id); }
    return pc;
  }

  // The offerer adds a transceiver per local track; the answerer attaches its tracks to the
  // transceivers the offer created (addTrack reuses an unused one of the same kind).
  function addLocalTracks(pc, offerer) {
    if (!sends() || !state.stream) {
      return;
    }
    for (const track of state.stream.getTracks()) {
      if (offerer) {
        pc.addTransceiver(track, { direction: receives() ? 'sendrecv' : 'sendonly', streams: [state.stream] });
      } else {
        pc.addTrack(track, state.stream);
      }
    }
  }

  // Restricts video to one codec (e.g. 'vp8', 'h264'). Repair formats (rtx, red, ulpfec) are
  // left out: their parameters point at payload types of codecs that were removed, which
  // Chromium refuses to parse in Firefox's offer. Fails at once when this browser lacks the codec.
  function preferVideoCodec(pc, codec) {
    if (!codec) {
      return;
    }
    const wanted = 'video/' + codec.toLowerCase();
    const repair = ['video/rtx', 'video/red', 'video/ulpfec', 'video/flexfec-03'];
    const caps = RTCRtpReceiver.getCapabilities('video');
    const chosen = caps.codecs.filter((c) => c.mimeType.toLowerCase() === wanted);
    if (chosen.length === 0) {
      throw new Error('this browser has no ' + codec.toUpperCase() + ' video codec (it has '
          + [...new Set(caps.codecs.map((c) => c.mimeType.substring(6)).filter((m) => !repair.includes('video/' + m.toLowerCase())))].join(', ') + ')');
    }
    for (const t of pc.getTransceivers()) {
      if ((t.receiver.track && t.receiver.track.kind === 'video') && t.setCodecPreferences) {
        t.setCodecPreferences(chosen);
      }
    }
  }

  async function createOffer(id, videoCodec) {
    const pc = newPeerConnection(id);
    addLocalTracks(pc, true);
    addReceiveOnlyTransceivers(pc);
    preferVideoCodec(pc, videoCodec);
    if (state.datachannel) {
      attachChannel(id, pc.createDataChannel('rtcbench'));
    }
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    return pc.localDescription.sdp;
  }

  async function acceptOffer(id, sdp) {
    const pc = newPeerConnection(id);
    await pc.setRemoteDescription({ type: 'offer', sdp: sdp });
    addLocalTracks(pc, false);
    for (const t of pc.getTransceivers()) {
      if (!sends()) {
        t.direction = 'recvonly';
      } else if (!receives()) {
        t.direction = 'sendonly';
      }
    }
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    return pc.localDescription.sdp;
  }

  async function acceptAnswer(id, sdp) {
    await pcOf(id).setRemoteDescription({ type: 'answer', sdp: sdp });
    return true;
  }

  function connectionState(id) {
    const pc = state.pcs.get(id);
    return pc ? pc.connectionState : 'new';
  }

  // Raw W3C reports, untouched, one array per connection; JSON text so WebDriver does not retype numbers.
  async function stats() {
    // readingsAt: when they were taken, on rtcbench's clock; every frame shown before it is in them
    const out = { stats: {}, datachannel: { echoes: 0, rttMs: null }, readings: {}, readingsAt: now() };
    // the markers read since the last call, taken out here: rtcbench sums them up on its side
    for (const [id, tracks] of state.readings) {
      out.readings[id] = {};
      for (const [track, entry] of tracks) {
        if (entry.bursts) {
          out.readings[id][track] = { bursts: entry.bursts };
          entry.bursts = [];
          continue;
        }
        out.readings[id][track] = { frames: entry.frames, lumas: entry.lumas };
        entry.frames = [];
        entry.lumas = [];
      }
    }
    for (const [id, pc] of state.pcs) {
      const report = await pc.getStats();
      const list = [];
      report.forEach((r) => list.push(r));
      out.stats[id] = list;
    }
    let rtt = null;
    out.datachannel.connections = {};
    for (const [id, ch] of state.channels) {
      out.datachannel.echoes += ch.echoes;
      out.datachannel.connections[id] = { echoes: ch.echoes, rttMs: ch.rttMs };
      if (ch.rttMs !== null) { rtt = rtt === null ? ch.rttMs : Math.max(rtt, ch.rttMs); }
    }
    out.datachannel.rttMs = rtt;
    return JSON.stringify(out);
  }

  function closeConnection(id) {
    const ch = state.channels.get(id);
    if (ch && ch.timer) { clearInterval(ch.timer); }
    state.channels.delete(id);
    const pc = state.pcs.get(id);
    if (pc) { pc.close(); }
    state.pcs.delete(id);
    for (const entry of (state.readings.get(id) || new Map()).values()) { entry.stopped = true; if (entry.stop) { entry.stop(); } }
    state.readings.delete(id);
    status(id + ' closed');
    return true;
  }

  // The ICE configuration (with credentials) comes from the harness server by a one-time token, so
  // that it never passes through WebDriver, whose driver logs every command's arguments.
  async function setIce(token) {
    const r = await fetch('/ice/' + encodeURIComponent(token), { cache: 'no-store' });
    if (!r.ok) {
      throw new Error('the ICE configuration was not handed over: HTTP ' + r.status);
    }
    state.ice = await r.json();
    return { servers: (state.ice.iceServers || []).length, policy: state.ice.iceTransportPolicy || 'all' };
  }

  function origin() {
    return { origin: location.origin };
  }

  function close() {
    for (const ch of state.channels.values()) {
      if (ch.timer) { clearInterval(ch.timer); }
    }
    for (const pc of state.pcs.values()) { pc.close(); }
    state.pcs.clear();
    state.channels.clear();
    if (state.stream) { state.stream.getTracks().forEach((t) => t.stop()); }
    if (state.camera) { state.camera.stop(); }
    if (state.microphone) { state.microphone.stop(); }
    for (const tracks of state.readings.values()) {
      for (const entry of tracks.values()) { entry.stopped = true; if (entry.stop) { entry.stop(); } }
    }
    state.readings.clear();
    status('closed');
    return true;
  }

  window.rtcbench = {
    version: 1,
    startMedia, setIce, origin, clock: () => Date.now(), createOffer, acceptOffer, acceptAnswer, connectionState, stats, closeConnection, close,
    userAgent: () => navigator.userAgent,
  };
  status('ready');
})();
