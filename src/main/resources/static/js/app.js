// T-Minus page behaviour. No inline script anywhere (the CSP forbids it): pages opt in
// with data attributes.
(function () {
	'use strict';

	// <time datetime="2026-11-22T03:00:00Z" data-local> gets the viewer's local time beside UTC.
	function showLocalTimes(root) {
		root.querySelectorAll('time[data-local]').forEach(function (el) {
			if (el.dataset.localDone) return;
			var when = new Date(el.getAttribute('datetime'));
			if (isNaN(when)) return;
			var local = document.createElement('span');
			local.className = 'local-time';
			local.textContent = ' (' + when.toLocaleString(undefined, {
				month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
			}) + ')';
			el.after(local);
			el.dataset.localDone = 'true';
		});
	}

	// <form data-confirm="Sign GO?"> asks before it submits.
	document.addEventListener('submit', function (event) {
		var message = event.target.getAttribute && event.target.getAttribute('data-confirm');
		if (message && !window.confirm(message)) {
			event.preventDefault();
		}
	}, true);

	document.addEventListener('DOMContentLoaded', function () { showLocalTimes(document); });
	document.addEventListener('htmx:afterSettle', function (event) { showLocalTimes(event.target); });
	window.TMinus = { showLocalTimes: showLocalTimes };
})();
