// Browser chat client for the rooms protocol: one WebSocket to the host that served this page.
"use strict";

(() => {
  const { Cmd, MAGIC, encode, decode, byteLength } = RoomsProtocol;
  const MAX_TEXT_BYTES = 200;
  const SUGGESTED = ["lobby", "random", "help"];
  const $ = (id) => document.getElementById(id);

  const state = {
    socket: null,
    uid: 0x1000,        // one counter per page, as the reference client (spec §5)
    nick: "",
    room: "",
    myId: null,
    members: new Map(), // member id -> nick
    pending: new Map(), // uid -> what the request was for
    rejoinTries: 0,
  };

  function setStatus(text, kind) {
    $("status").textContent = text;
    $("status").dataset.state = kind;
  }

  function showError(text) {
    $("error").textContent = text;
    $("error").hidden = !text;
  }

  function show(view) {
    for (const id of ["login", "lobby", "chat"]) $(id).hidden = id !== view;
    const focus = { login: "nick", lobby: "room", chat: "text" }[view];
    if (focus) $(focus).focus();
  }

  function send(cmd, text, purpose) {
    const uid = state.uid++;
    if (purpose) state.pending.set(uid, purpose);
    state.socket.send(encode(uid, cmd, text));
    return uid;
  }

  function socketUrl() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    return `${scheme}//${location.host}/ws`;
  }

  function connect() {
    showError("");
    setStatus("connecting…", "connecting");
    const socket = new WebSocket(socketUrl());
    socket.binaryType = "arraybuffer";
    state.socket = socket;
    socket.addEventListener("open", () => {
      setStatus("connected", "online");
      // Magic string and nick go back-to-back, like the reference client (spec §4).
      send(Cmd.NOP, MAGIC);
      send(Cmd.SET_USER_NICK, state.nick, "nick");
    });
    socket.addEventListener("message", (event) => onPacket(decode(event.data)));
    socket.addEventListener("close", (event) => {
      if (state.socket !== socket) return;
      state.socket = null;
      setStatus(`offline (${event.code || "no status"})`, "offline");
      if (!$("chat").hidden || !$("lobby").hidden) {
        showError(`Connection closed${event.reason ? ": " + event.reason : ""}. Connect again to continue.`);
      }
      show("login");
    });
  }

  function onPacket(packet) {
    if (!packet) return;
    switch (packet.cmd) {
      case Cmd.RESP_OK: return onReply(packet, true);
      case Cmd.RESP_ERROR: return onReply(packet, false);
      case Cmd.NEW_USER:
        // p2 bit 0: a SEA user the gateway's bridge shows in this room.
        state.members.set(packet.p1, { nick: packet.text, sea: (packet.p2 & 1) === 1 });
        if (packet.text === state.nick && state.myId === null) state.myId = packet.p1;
        renderMembers();
        return addLine("event", `${packet.text} is in the room`);
      case Cmd.DEL_USER:
        state.members.delete(packet.p1);
        renderMembers();
        return addLine("event", `${packet.text} left the room`);
      case Cmd.NEW_MSG:
        return addLine(packet.p1 === state.myId ? "mine" : "message", packet.text,
          state.members.get(packet.p1)?.nick || "?");
      case Cmd.LOGGED_MSG:
        return addLine("history", packet.text);
      default:
        return undefined;
    }
  }

  function onReply(packet, ok) {
    const purpose = state.pending.get(packet.uid);
    state.pending.delete(packet.uid);
    if (purpose === "nick") {
      if (ok) {
        state.rejoinTries = 0;
        showError("");
        show("lobby");
      } else if (state.rejoinTries > 0) {
        // After "Leave" the server may not have released our nick yet: ask again shortly.
        state.rejoinTries--;
        setTimeout(() => state.socket && send(Cmd.SET_USER_NICK, state.nick, "nick"), 300);
      } else {
        showError(`The nick “${state.nick}” is taken or not allowed; choose another.`);
        show("login");
      }
    } else if (purpose === "room") {
      if (ok) {
        // The OK comes before the roster and history (spec §7.2): start from a clean pane.
        $("messages").replaceChildren();
        state.members.clear();
        state.myId = null;
        $("room-title").textContent = `#${state.room}`;
        remember(state.room);
        show("chat");
      } else {
        showError(`Could not join “${state.room}”.`);
      }
    } else if (purpose === "message" && !ok) {
      addLine("event", "Message not delivered.");
    }
  }

  function addLine(kind, text, who) {
    const item = document.createElement("li");
    item.className = `line ${kind}`;
    if (who !== undefined) {
      const name = document.createElement("span");
      name.className = "who";
      name.textContent = who;
      item.append(name, document.createTextNode(" "));
    }
    const body = document.createElement("span");
    body.className = "text";
    body.textContent = text;
    item.append(body);
    const pane = $("messages");
    const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 40;
    pane.append(item);
    if (atBottom || kind === "mine") pane.scrollTop = pane.scrollHeight;
  }

  function renderMembers() {
    const list = $("members");
    list.replaceChildren(...[...state.members.entries()].map(([id, member]) => {
      const item = document.createElement("li");
      item.textContent = member.nick;
      if (id === state.myId) item.className = "me";
      if (member.sea) {
        const badge = document.createElement("span");
        badge.className = "badge-sea";
        badge.textContent = "SEA";
        badge.title = "SEA messenger user, via the gateway's bridge";
        item.append(" ", badge);
      }
      return item;
    }));
    $("member-count").textContent = String(state.members.size);
  }

  function recentRooms() {
    try {
      return JSON.parse(localStorage.getItem("rooms.recent") || "[]").filter((r) => typeof r === "string");
    } catch (e) {
      return [];
    }
  }

  function remember(room) {
    const recent = [room, ...recentRooms().filter((r) => r !== room)].slice(0, 5);
    try {
      localStorage.setItem("rooms.recent", JSON.stringify(recent));
    } catch (e) {
      // Storage may be disabled; suggestions are a convenience only.
    }
    renderSuggestions();
  }

  function renderSuggestions() {
    const names = [...new Set([...recentRooms(), ...SUGGESTED])];
    $("room-suggestions").replaceChildren(...names.map((n) => Object.assign(document.createElement("option"), { value: n })));
    $("suggested").replaceChildren(...names.map((n) => {
      const chip = document.createElement("button");
      chip.type = "button";
      chip.className = "chip";
      chip.textContent = `#${n}`;
      chip.addEventListener("click", () => joinRoom(n));
      return chip;
    }));
  }

  function joinRoom(name) {
    const room = name.trim();
    if (!room || !state.socket) return;
    if (byteLength(room) > 64) return showError("Room names are at most 64 bytes.");
    state.room = room;
    send(Cmd.SET_ROOM, room, "room");
  }

  $("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const nick = $("nick").value.trim();
    if (!nick) return;
    if (byteLength(nick) > 32) return showError("Nicks are at most 32 bytes.");
    state.nick = nick;
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
      send(Cmd.SET_USER_NICK, nick, "nick"); // retry at trust level 2 after a refusal
    } else {
      connect();
    }
  });

  $("room-form").addEventListener("submit", (event) => {
    event.preventDefault();
    joinRoom($("room").value);
  });

  $("send-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim() || !state.socket) return;
    if (byteLength(text) > MAX_TEXT_BYTES) {
      return showError(`Messages are at most ${MAX_TEXT_BYTES} bytes.`);
    }
    showError("");
    send(Cmd.NEW_MSG, text, "message");
    $("text").value = "";
  });

  $("leave").addEventListener("click", () => {
    // The protocol has no leave command (spec §7.4): leaving is a new connection with the same nick.
    const old = state.socket;
    state.socket = null;
    state.rejoinTries = 5;
    show("lobby");
    if (old) {
      old.addEventListener("close", connect, { once: true });
      old.close(1000, "leaving room");
    } else {
      connect();
    }
  });

  renderSuggestions();
  show("login");
})();
