package dev.tminus.risk;

public enum RiskStatus {

	OPEN, MITIGATED, CLOSED

}
