// "Use my location" for the search form: optional, the search works the same without it.
(function () {
  'use strict';
  var holder = document.querySelector('.geolocate');
  var form = document.getElementById('search-form');
  if (!holder || !form || !('geolocation' in navigator)) return;
  var lat = form.querySelector('input[name="lat"]');
  var lon = form.querySelector('input[name="lon"]');
  var near = form.querySelector('input[name="near"]');
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--secondary';
  button.textContent = holder.getAttribute('data-label');
  var status = document.createElement('span');
  status.setAttribute('role', 'status');
  holder.appendChild(button);
  holder.appendChild(document.createTextNode(' '));
  holder.appendChild(status);
  holder.hidden = false;

  button.addEventListener('click', function () {
    status.textContent = holder.getAttribute('data-busy');
    navigator.geolocation.getCurrentPosition(
      function (position) {
        // About 100 m is precise enough to rank by distance and keeps the shared address vague.
        lat.value = position.coords.latitude.toFixed(3);
        lon.value = position.coords.longitude.toFixed(3);
        if (near) near.value = '';
        status.textContent = holder.getAttribute('data-done');
      },
      function () {
        status.textContent = holder.getAttribute('data-failed');
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 },
    );
  });

  if (near) {
    near.addEventListener('input', function () {
      lat.value = '';
      lon.value = '';
    });
  }
})();
