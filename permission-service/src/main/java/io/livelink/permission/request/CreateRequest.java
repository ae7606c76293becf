package io.livelink.permission.request;

import io.livelink.events.RequestPurpose;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record CreateRequest(
        @NotNull RequestPurpose purpose, @NotBlank @Size(max = 2000) String reason) {}
