// The live stream: one WebSocket to /ws/events that reconnects by itself and resumes after the last sequence number
// it saw (?from=SEQ&epoch=E), so a dropped connection loses nothing the node's ring still holds. It asks for batched
// frames (?batch=true): what reaches the node during a burst comes as one JSON array, in order, rather than one frame
// per message.

const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 10000;

export class LiveStream {
  /**
   * @param {object} handlers onEvent(event, replayed), onNotice(message), onState(state, detail)
   * @param {() => string} keyProvider the API key to present, or '' for none
   */
  constructor(handlers, keyProvider) {
    this.handlers = handlers;
    this.keyProvider = keyProvider;
    this.lastSeq = 0;
    this.epoch = null;
    this.delay = MIN_DELAY_MS;
    this.socket = null;
    this.timer = null;
    this.liveFrom = 0;
    this.connects = 0;
  }

  url() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const params = new URLSearchParams({ from: String(this.lastSeq), batch: 'true' });
    if (this.epoch) params.set('epoch', this.epoch);
    const key = this.keyProvider();
    if (key) params.set('access_token', key);
    return `${scheme}//${location.host}/ws/events?${params}`;
  }

  connect() {
    clearTimeout(this.timer);
    this.handlers.onState('connecting');
    const socket = new WebSocket(this.url());
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.connects += 1;
      this.delay = MIN_DELAY_MS;
      this.handlers.onState('open');
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(message.data);
      if (Array.isArray(data)) data.forEach((m) => this.receive(m));
      else this.receive(data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      const wait = this.delay;
      this.delay = Math.min(MAX_DELAY_MS, this.delay * 2);
      this.handlers.onState('closed', opened ? `reconnecting in ${wait / 1000} s`
        : `cannot connect (API key?); retrying in ${wait / 1000} s`);
      this.timer = setTimeout(() => this.connect(), wait);
    };
  }

  /** Reconnects at once, e.g. with a new API key. */
  restart() {
    const old = this.socket;
    this.socket = null;
    if (old) old.close();
    this.delay = MIN_DELAY_MS;
    this.connect();
  }

  receive(message) {
    if (typeof message.seq === 'number') {
      if (message.seq <= this.lastSeq) return;
      this.lastSeq = message.seq;
      this.handlers.onEvent(message, message.seq <= this.liveFrom);
      return;
    }
    if (message.type === 'HELLO') {
      if (this.epoch && this.epoch !== message.epoch) this.lastSeq = 0;
      this.epoch = message.epoch;
      this.liveFrom = message.latest_seq;
    } else if (message.type === 'RESET') {
      this.epoch = message.epoch;
      this.lastSeq = 0;
    }
    this.handlers.onNotice(message);
  }
}
