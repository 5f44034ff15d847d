@guide:hpp-interoperability-member-portal
Feature: Asking for access to another member's account
  "For any members or head of household that request access to another
  Member's account, please contact HPP Member Relations to request access."
  This is never self-service: the portal only says whom to call, by plan line.

  Rule: Member Relations has one number per plan line, and one for TTY

    @step:member-relations-1 @step:member-relations-2 @step:member-relations-3 @step:member-relations-4
    Scenario Outline: A <line> member asks for access to another member's account
      When Jane, a <line> member, asks for access to another member's account
      Then she is asked to call Member Relations at "<phone>"
      And TTY users are asked to dial "1-877-454-8477"

      Examples:
        | line     | phone          |
        | Medicaid | 1-800-553-0784 |
        | Medicare | 1-866-901-8000 |
        | CHIP     | 1-888-888-1211 |
