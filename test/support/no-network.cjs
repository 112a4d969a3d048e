// Loaded with `node --require` before a tool that must not reach the network (Electronegativity looks
// up translations and Electron releases online): every outgoing connection fails at once, and each
// attempt is noted on standard error so a test can see it was refused.
const net = require('node:net');

net.Socket.prototype.connect = function refuseConnection() {
  process.stderr.write('no-network: refused an outgoing connection\n');
  throw new Error('Network access is switched off for this tool.');
};
