package dev.tminus.account;

/**
 * What an account may do outside any cutover. War-room roles (IC, Scribe, Deployer...)
 * are given per cutover, never globally.
 */
public enum GlobalRole {

	/** Manages accounts and runbook templates; has no say in any cutover's decision. */
	ADMIN,

	/** Creates cutovers and takes the roles assigned to them. */
	MEMBER,

	/** Reads every cutover, verifies and exports the record; changes nothing. */
	AUDITOR

}
