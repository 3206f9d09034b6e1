// The countdown to a cutover's point of no return:
// <span class="window-clock" data-point-of-no-return="2026-09-17T10:00:00Z">. Loaded by the
// window fragment (no inline script: the CSP forbids it); runs once per page however often
// the fragment is swapped in.
(function () {
	'use strict';
	if (window.TMinusWindowClock) return;
	window.TMinusWindowClock = true;

	function pad(n) { return n < 10 ? '0' + n : '' + n; }

	function tick() {
		document.querySelectorAll('.window-clock[data-point-of-no-return]').forEach(function (el) {
			var point = Date.parse(el.getAttribute('data-point-of-no-return'));
			if (isNaN(point)) return;
			var left = Math.round((point - Date.now()) / 1000);
			var s = Math.abs(left);
			var text = pad(Math.floor(s / 3600)) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60);
			el.textContent = left > 0 ? text + ' to the point of no return' : 'passed ' + text + ' ago';
			el.classList.toggle('passed', left <= 0);
			el.classList.toggle('bad', left <= 0);
			var dd = el.closest('dd');
			if (dd) dd.classList.toggle('bad', left <= 0);
		});
	}

	tick();
	setInterval(tick, 1000);
	document.addEventListener('htmx:afterSettle', tick);
})();
