// The IC's decision clock on open rollback triggers:
// <span class="decision-clock" data-deadline="2026-11-22T21:05:00Z">. Loaded by the triggers
// fragment (no inline script: the CSP forbids it); runs once per page however often the
// fragment is swapped in.
(function () {
	'use strict';
	if (window.TMinusDecisionClock) return;
	window.TMinusDecisionClock = true;

	function pad(n) { return n < 10 ? '0' + n : '' + n; }

	function tick() {
		document.querySelectorAll('.decision-clock[data-deadline]').forEach(function (el) {
			var deadline = Date.parse(el.getAttribute('data-deadline'));
			if (isNaN(deadline)) return;
			var left = Math.round((deadline - Date.now()) / 1000);
			var s = Math.abs(left);
			var text = pad(Math.floor(s / 60)) + ':' + pad(s % 60);
			el.textContent = left >= 0 ? text + ' left to decide' : 'overdue by ' + text;
			el.classList.toggle('overdue', left < 0);
			var item = el.closest('.open-trigger');
			if (item) item.classList.toggle('breached', left < 0);
		});
	}

	tick();
	setInterval(tick, 1000);
	document.addEventListener('htmx:afterSettle', tick);
})();
