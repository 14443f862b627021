// Switchboard operator console: renders the snapshots the management server pushes over the console
// WebSocket and sends commands back on it. Every value from the server is set as text, never as HTML,
// because session names and room names come from users.
(() => {
  'use strict';

  const HISTORY_POINTS = 120;
  const COLORS = ['#0969da', '#1a7f37', '#bf3989', '#9a6700', '#8250df', '#cf222e', '#57606a'];
  const $ = (id) => document.getElementById(id);

  let socket = null;
  let nextCommandId = 1;
  let query = { protocol: '', text: '', page: 0 };
  let lastSessions = null;
  const history = []; // { at, protocols: { name: { connections, bytesPerSecond } } }
  const colorOf = new Map();

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([key, value]) => {
      if (key === 'class') node.className = value;
      else if (key.startsWith('data-')) node.setAttribute(key, value);
      else if (key === 'onclick') node.addEventListener('click', value);
      else node[key] = value;
    });
    children.forEach((child) => node.append(child instanceof Node ? child : String(child ?? '')));
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.entries(attrs).forEach(([key, value]) => node.setAttribute(key, String(value)));
    return node;
  }

  function bytes(n) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = Number(n) || 0;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
    return (unit === 0 ? value.toFixed(0) : value.toFixed(1)) + ' ' + units[unit];
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : '';
  }

  function setStatus(text, up) {
    const status = $('status');
    status.textContent = text;
    status.className = 'status ' + (up ? 'up' : 'down');
  }

  function connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const base = location.pathname.replace(/[^/]*$/, '');
    socket = new WebSocket(scheme + '//' + location.host + base + 'ws');
    socket.onopen = () => { setStatus('live', true); sendQuery(); };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'snapshot') render(message);
      else if (message.type === 'result') showResult(message);
    };
    socket.onclose = (event) => {
      setStatus('disconnected (' + event.code + (event.reason ? ' ' + event.reason : '') + ')', false);
      setTimeout(connect, event.code === 1013 ? 10000 : 3000);
    };
  }

  function send(command) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      showResult({ status: 0, command: command.command, body: { error: 'not connected' } });
      return;
    }
    command.id = nextCommandId++;
    socket.send(JSON.stringify(command));
  }

  function sendQuery() {
    send({ command: 'query', protocol: query.protocol, text: query.text, page: query.page });
  }

  function showResult(message) {
    const result = $('result');
    const ok = message.status >= 200 && message.status < 300;
    const detail = ok ? 'done' : (message.body && message.body.error) || ('status ' + message.status);
    result.textContent = (message.command || 'command') + ': ' + detail;
    result.className = 'result ' + (ok ? 'ok' : 'bad');
  }

  function replaceRows(id, rows) {
    $(id).replaceChildren(...rows);
  }

  // Keeps a row element while its data is unchanged, so a button does not vanish from under the
  // pointer when the next snapshot arrives; only changed, added or removed rows touch the page.
  function syncRows(id, items, keyOf, render) {
    const container = $(id);
    const existing = new Map([...container.children].map((node) => [node.dataset.key, node]));
    const nodes = items.map((item) => {
      const key = keyOf(item);
      const signature = JSON.stringify(item);
      const old = existing.get(key);
      if (old && old.dataset.signature === signature) return old;
      const node = render(item);
      node.dataset.key = key;
      node.dataset.signature = signature;
      return node;
    });
    const unchanged = nodes.length === container.children.length
      && nodes.every((node, i) => container.children[i] === node);
    if (!unchanged) container.replaceChildren(...nodes);
  }

  function withTotal(bounded, more) {
    const items = bounded.items.slice();
    if (bounded.total > items.length) items.push({ more: '… ' + bounded.total + ' in all', render: more });
    return items;
  }

  function render(snapshot) {
    $('consoles').textContent = snapshot.consoles.open + ' console(s) open, ' + snapshot.consoles.dropped
      + ' dropped for not reading';
    const errors = $('errors');
    errors.hidden = snapshot.errors.length === 0;
    errors.textContent = snapshot.errors.length ? 'could not read ' + snapshot.errors.join('; ') : '';
    renderProtocols(snapshot);
    renderListeners(snapshot.listeners);
    renderSessions(snapshot.sessions, snapshot.protocols);
    renderBans(snapshot.bans);
    renderBlacklist(snapshot.blacklist);
    renderRooms(snapshot.rooms);
    syncRows('audit', snapshot.audit, (line) => JSON.stringify(line), (line) => el('li', {},
      time(line.at) + ' actor=' + line.actor + ' action=' + line.action + ' target=' + line.target
      + ' result=' + line.result + (line.via ? ' via=' + line.via : '')));
  }

  function renderProtocols(snapshot) {
    syncRows('protocols', snapshot.protocols, (p) => p.protocol, (p) => el('tr', { 'data-protocol': p.protocol },
      el('td', {}, p.protocol), el('td', { class: 'num' }, p.listeners), el('td', { class: 'num' }, p.connections),
      el('td', { class: 'num' }, bytes(p.bytesInPerSecond) + '/s'),
      el('td', { class: 'num' }, bytes(p.bytesOutPerSecond) + '/s'),
      el('td', { class: 'num' }, bytes(p.bytesIn)), el('td', { class: 'num' }, bytes(p.bytesOut))));
    const point = { protocols: {} };
    snapshot.protocols.forEach((p) => {
      if (!colorOf.has(p.protocol)) colorOf.set(p.protocol, COLORS[colorOf.size % COLORS.length]);
      point.protocols[p.protocol] = { connections: p.connections, rate: p.bytesInPerSecond + p.bytesOutPerSecond };
    });
    history.push(point);
    if (history.length > HISTORY_POINTS) history.shift();
    chart('chart-connections', (p) => p.connections, (v) => String(Math.round(v)));
    chart('chart-traffic', (p) => p.rate, (v) => bytes(v) + '/s');
    replaceRows('legend', [...colorOf.entries()].map(([protocol, color]) => {
      const swatch = el('i', {});
      swatch.style.background = color;
      return el('span', {}, swatch, protocol);
    }));
  }

  function chart(id, value, label) {
    const width = 600;
    const height = 160;
    let max = 1;
    history.forEach((point) => Object.values(point.protocols).forEach((p) => { max = Math.max(max, value(p)); }));
    const nodes = [svg('text', { x: 4, y: 12 }), svg('text', { x: 4, y: height - 4 })];
    nodes[0].textContent = label(max);
    nodes[1].textContent = '0';
    colorOf.forEach((color, protocol) => {
      const points = history.map((point, i) => {
        const p = point.protocols[protocol];
        const x = (HISTORY_POINTS - history.length + i) * (width / (HISTORY_POINTS - 1));
        const y = height - 2 - ((p ? value(p) : 0) / max) * (height - 20);
        return x.toFixed(1) + ',' + y.toFixed(1);
      });
      nodes.push(svg('polyline', { points: points.join(' '), stroke: color, 'data-protocol': protocol }));
    });
    $(id).replaceChildren(...nodes);
  }

  function renderListeners(listeners) {
    syncRows('listeners', listeners, (l) => l.name, (l) => {
      const running = l.state === 'running';
      const action = running ? 'stop' : 'start';
      return el('tr', { 'data-listener': l.name },
        el('td', {}, l.name), el('td', {}, l.protocol), el('td', {}, l.transport), el('td', {}, l.state),
        el('td', {}, l.address || ''), el('td', { class: 'num' }, l.connections),
        el('td', {}, el('button', { type: 'button', class: running ? 'danger ' + action : action,
          onclick: () => send({ command: 'listener', name: l.name, action }) }, action)));
    });
  }

  function renderSessions(page, protocols) {
    lastSessions = page;
    const select = $('session-protocol');
    const known = new Set([...select.options].map((o) => o.value));
    protocols.forEach((p) => {
      if (!known.has(p.protocol)) select.append(el('option', { value: p.protocol }, p.protocol));
    });
    const pages = Math.max(1, Math.ceil(page.matched / page.pageSize));
    $('session-count').textContent = page.matched + ' of ' + page.total + ' session(s)';
    $('session-page').textContent = 'page ' + (page.page + 1) + ' / ' + pages;
    $('session-prev').disabled = page.page === 0;
    $('session-next').disabled = page.page + 1 >= pages;
    syncRows('sessions', page.rows, (s) => s.id, (s) => {
      const actions = el('td', {},
        el('button', { type: 'button', class: 'danger kill', title: 'close the connection the protocol\'s way',
          onclick: () => send({ command: 'kill', session: s.id }) }, 'kill'));
      if (s.state === 'in-room') {
        actions.append(' ', el('button', { type: 'button', class: 'danger kick', title: 'kick from the room',
          onclick: () => send({ command: 'kick', session: s.id }) }, 'kick'));
      }
      if (s.protocol === 'sea') {
        actions.append(' ', el('button', { type: 'button', class: 'danger ban', title: 'kill and ban the address',
          onclick: () => send({ command: 'kill', session: s.id, ban: true }) }, 'ban'));
      }
      return el('tr', { 'data-session': s.id },
        el('td', {}, s.id), el('td', {}, s.protocol), el('td', {}, s.listener), el('td', {}, s.address),
        el('td', { class: 'name' }, s.name || ''), el('td', {}, s.state), el('td', {}, time(s.connectedAt)), actions);
    });
  }

  function renderBans(bans) {
    syncRows('bans', withTotal(bans, (text) => el('li', { class: 'muted' }, text)),
      (b) => b.more || b.address, (b) => b.more ? b.render(b.more) : el('li', { 'data-ban': b.address },
        el('span', {}, b.address + (b.permanent ? ' (permanent)' : ' until ' + new Date(b.expiresAt).toLocaleString())),
        el('button', { type: 'button', class: 'unban', onclick: () => send({ command: 'unban', address: b.address }) },
          'unban')));
  }

  function renderBlacklist(patterns) {
    const items = withTotal(patterns, (text) => el('li', { class: 'muted' }, text))
      .map((p) => (typeof p === 'string' ? { pattern: p } : p));
    syncRows('blacklist', items, (p) => p.more || p.pattern, (p) => p.more ? p.render(p.more)
      : el('li', { 'data-pattern': p.pattern }, el('span', {}, p.pattern),
        el('button', { type: 'button', class: 'remove',
          onclick: () => send({ command: 'blacklist-remove', pattern: p.pattern }) }, 'remove')));
  }

  function renderRooms(rooms) {
    syncRows('rooms', withTotal(rooms, (text) => el('tr', {}, el('td', { class: 'muted' }, text))),
      (r) => r.more || r.name, (r) => r.more ? r.render(r.more) : el('tr', {}, el('td', {}, r.name),
        el('td', { class: 'num' }, r.members), el('td', { class: 'num' }, r.historyLines),
        el('td', { class: 'num' }, bytes(r.historyBytes))));
  }

  function wire() {
    $('session-form').addEventListener('submit', (event) => {
      event.preventDefault();
      query = { protocol: $('session-protocol').value, text: $('session-search').value, page: 0 };
      sendQuery();
    });
    $('session-protocol').addEventListener('change', () => $('session-form').requestSubmit());
    $('session-prev').addEventListener('click', () => { query.page = Math.max(0, query.page - 1); sendQuery(); });
    $('session-next').addEventListener('click', () => {
      if (lastSessions) query.page = lastSessions.page + 1;
      sendQuery();
    });
    $('ban-form').addEventListener('submit', (event) => {
      event.preventDefault();
      send({ command: 'ban', address: $('ban-address').value.trim(), timeout: $('ban-timeout').value.trim(),
        permanent: $('ban-permanent').checked });
    });
    $('blacklist-form').addEventListener('submit', (event) => {
      event.preventDefault();
      send({ command: 'blacklist-add', pattern: $('blacklist-pattern').value.trim() });
    });
  }

  wire();
  connect();
})();
