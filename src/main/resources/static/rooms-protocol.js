// tPacket codec (rooms-protocol.md §5): 24-byte little-endian header, then the blob.
"use strict";

const RoomsProtocol = (() => {
  const HEADER = 24;
  const SIGNATURE = [0x45, 0x6a, 0x38, 0x40]; // "Ej8@"
  const Cmd = Object.freeze({
    NOP: 0, SET_USER_NICK: 1, SET_ROOM: 2, RESP_OK: 3, RESP_ERROR: 4,
    NEW_USER: 5, DEL_USER: 6, NEW_MSG: 7, LOGGED_MSG: 8,
  });
  const MAGIC = "magic string :)";
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8");

  function encode(uid, cmd, text) {
    const blob = encoder.encode(text || "");
    const bytes = new Uint8Array(HEADER + blob.length);
    const view = new DataView(bytes.buffer);
    bytes.set(SIGNATURE, 0);
    view.setInt32(4, uid, true);
    view.setInt32(8, bytes.length, true);
    view.setInt32(12, cmd, true);
    view.setInt32(16, 0, true);
    view.setInt32(20, 0, true);
    bytes.set(blob, HEADER);
    return bytes.buffer;
  }

  /** Returns {uid, cmd, p1, p2, text} or null when the message is not a valid tPacket. */
  function decode(buffer) {
    if (!(buffer instanceof ArrayBuffer) || buffer.byteLength < HEADER) return null;
    const bytes = new Uint8Array(buffer);
    for (let i = 0; i < 4; i++) if (bytes[i] !== SIGNATURE[i]) return null;
    const view = new DataView(buffer);
    if (view.getInt32(8, true) !== buffer.byteLength) return null;
    return {
      uid: view.getInt32(4, true),
      cmd: view.getInt32(12, true),
      p1: view.getInt32(16, true),
      p2: view.getInt32(20, true),
      text: decoder.decode(bytes.subarray(HEADER)),
    };
  }

  function byteLength(text) {
    return encoder.encode(text).length;
  }

  return Object.freeze({ Cmd, MAGIC, encode, decode, byteLength });
})();
